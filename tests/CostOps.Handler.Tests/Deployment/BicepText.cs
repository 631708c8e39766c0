using System.Text;
using System.Text.RegularExpressions;

namespace CostOps.Handler.Tests.Deployment;

/// <summary>
/// Just enough of Bicep's lexical structure to read the templates as text (no Bicep CLI exists
/// here): comments are blanked out, strings (with <c>${...}</c> interpolations) are skipped when
/// matching braces, object literals are split into their top-level entries. Multi-line
/// <c>'''</c> strings are not supported; the templates do not use them.
/// </summary>
internal sealed partial class BicepText
{
    private BicepText(string path, string code)
    {
        Path = path;
        Code = code;
    }

    /// <summary>The file, for messages.</summary>
    public string Path { get; }

    /// <summary>The file with comments replaced by spaces (line breaks kept).</summary>
    public string Code { get; }

    public static BicepText Load(string path) => new(path, StripComments(File.ReadAllText(path)));

    /// <summary>Whether the code (not a comment) mentions <paramref name="value"/>.</summary>
    public bool Mentions(string value) => Code.Contains(value, StringComparison.Ordinal);

    /// <summary>The top-level entries of the object literal assigned to <c>var</c> or <c>param</c> <paramref name="name"/>.</summary>
    public IReadOnlyList<BicepEntry> ObjectEntries(string name)
    {
        var declaration = new Regex($@"^\s*(?:var|param)\s+{Regex.Escape(name)}\b[^=\n]*=\s*\{{", RegexOptions.Multiline).Match(Code);
        if (!declaration.Success)
        {
            throw new InvalidOperationException($"{Path}: no object literal named {name}");
        }
        var open = declaration.Index + declaration.Length - 1;
        return Entries(Code[(open + 1)..(BlockEnd(Code, open) - 1)]);
    }

    /// <summary>The string literals of the array literal assigned to <c>var</c> <paramref name="name"/>.</summary>
    public IReadOnlyList<string> ArrayStrings(string name)
    {
        var declaration = new Regex($@"^\s*var\s+{Regex.Escape(name)}\s*=\s*\[", RegexOptions.Multiline).Match(Code);
        if (!declaration.Success)
        {
            throw new InvalidOperationException($"{Path}: no array literal named {name}");
        }
        var close = Code.IndexOf(']', declaration.Index + declaration.Length);
        return StringLiterals(Code[(declaration.Index + declaration.Length)..close]);
    }

    /// <summary>Every <c>param</c> declaration with the decorator lines directly above it.</summary>
    public IReadOnlyList<BicepParameter> Parameters()
    {
        var lines = Code.Split('\n');
        var parameters = new List<BicepParameter>();
        for (var i = 0; i < lines.Length; i++)
        {
            var match = ParameterLine().Match(lines[i]);
            if (!match.Success)
            {
                continue;
            }
            var start = i;
            while (start > 0 && lines[start - 1].Trim().Length > 0 && !lines[start - 1].TrimStart().StartsWith("param ", StringComparison.Ordinal))
            {
                start--;
            }
            var decorators = string.Join('\n', lines[start..i]);
            var defaultText = match.Groups["default"].Success ? match.Groups["default"].Value.Trim() : null;
            if (defaultText is not null && defaultText.EndsWith('{'))
            {
                // A multi-line object default: take the whole literal.
                var offset = lines.Take(i).Sum(l => l.Length + 1) + lines[i].LastIndexOf('{');
                defaultText = Code[offset..BlockEnd(Code, offset)];
            }
            parameters.Add(new BicepParameter(match.Groups["name"].Value, match.Groups["type"].Value, defaultText, decorators));
        }
        return parameters;
    }

    /// <summary>Every role assignment resource: its symbolic name and body.</summary>
    public IReadOnlyList<BicepBlock> RoleAssignments()
    {
        var blocks = new List<BicepBlock>();
        foreach (Match match in RoleAssignmentResource().Matches(Code))
        {
            var open = Code.IndexOf('{', match.Index + match.Length);
            blocks.Add(new BicepBlock(match.Groups["symbol"].Value, Code[open..BlockEnd(Code, open)]));
        }
        return blocks;
    }

    /// <summary>The value of property <paramref name="name"/> directly in <paramref name="block"/> or nested in it (first match).</summary>
    public static string? Property(string block, string name)
    {
        var match = new Regex($@"^\s*{Regex.Escape(name)}\s*:\s*(?<value>.+?)\s*$", RegexOptions.Multiline).Match(block);
        return match.Success ? match.Groups["value"].Value : null;
    }

    /// <summary>The top-level arguments of the call <c>name(...)</c> starting at <paramref name="callText"/>.</summary>
    public static IReadOnlyList<string> CallArguments(string callText)
    {
        var open = callText.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return [];
        }
        var arguments = new List<string>();
        var depth = 0;
        var start = open + 1;
        for (var i = open; i < callText.Length; i++)
        {
            switch (callText[i])
            {
                case '\'':
                    i = SkipString(callText, i) - 1;
                    break;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    depth--;
                    if (depth == 0)
                    {
                        arguments.Add(callText[start..i].Trim());
                        return arguments;
                    }
                    break;
                case ',' when depth == 1:
                    arguments.Add(callText[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }
        throw new FormatException($"unbalanced call: {callText}");
    }

    /// <summary>A single-quoted literal without interpolation, unescaped; null for any other expression.</summary>
    public static string? StringLiteral(string expression)
    {
        var match = SingleQuoted().Match(expression.Trim());
        return match.Success && !match.Groups["body"].Value.Contains("${", StringComparison.Ordinal)
            ? Regex.Replace(match.Groups["body"].Value, @"\\(.)", "$1")
            : null;
    }

    /// <summary>The single-quoted literals in <paramref name="text"/> (e.g. an <c>@allowed([...])</c> list).</summary>
    public static IReadOnlyList<string> StringLiterals(string text) =>
        [.. QuotedAnywhere().Matches(text).Select(m => StringLiteral(m.Value)).OfType<string>()];

    private static List<BicepEntry> Entries(string body)
    {
        var entries = new List<BicepEntry>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= body.Length; i++)
        {
            var c = i < body.Length ? body[i] : '\n';
            if (c == '\'' && i < body.Length)
            {
                i = SkipString(body, i) - 1;
                continue;
            }
            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
            }
            else if (depth == 0 && c is '\n' or ',')
            {
                var text = body[start..Math.Min(i, body.Length)].Trim();
                start = i + 1;
                if (text.Length == 0)
                {
                    continue;
                }
                var entry = EntryText().Match(text);
                if (!entry.Success)
                {
                    throw new FormatException($"not an object entry: {text}");
                }
                entries.Add(new BicepEntry(entry.Groups["key"].Value, entry.Groups["value"].Value.Trim()));
            }
        }
        return entries;
    }

    /// <summary>The index just after the brace that closes the one at <paramref name="open"/>.</summary>
    private static int BlockEnd(string code, int open)
    {
        var depth = 0;
        for (var i = open; i < code.Length; i++)
        {
            switch (code[i])
            {
                case '\'':
                    i = SkipString(code, i) - 1;
                    break;
                case '{':
                    depth++;
                    break;
                case '}':
                    depth--;
                    if (depth == 0)
                    {
                        return i + 1;
                    }
                    break;
            }
        }
        throw new FormatException("unbalanced braces");
    }

    /// <summary>The index just after the string literal starting at <paramref name="quote"/>.</summary>
    private static int SkipString(string code, int quote)
    {
        for (var i = quote + 1; i < code.Length; i++)
        {
            if (code[i] == '\\')
            {
                i++;
            }
            else if (code[i] == '\'')
            {
                return i + 1;
            }
            else if (code[i] == '$' && i + 1 < code.Length && code[i + 1] == '{')
            {
                i = SkipInterpolation(code, i + 2) - 1;
            }
        }
        throw new FormatException("unterminated string");
    }

    private static int SkipInterpolation(string code, int start)
    {
        var depth = 1;
        for (var i = start; i < code.Length; i++)
        {
            if (code[i] == '\'')
            {
                i = SkipString(code, i) - 1;
            }
            else if (code[i] == '{')
            {
                depth++;
            }
            else if (code[i] == '}' && --depth == 0)
            {
                return i + 1;
            }
        }
        throw new FormatException("unterminated interpolation");
    }

    private static string StripComments(string source)
    {
        var code = new StringBuilder(source.Length);
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '\'')
            {
                var end = SkipString(source, i);
                code.Append(source, i, end - i);
                i = end - 1;
            }
            else if (source[i] == '/' && i + 1 < source.Length && source[i + 1] == '/')
            {
                while (i < source.Length && source[i] != '\n')
                {
                    code.Append(' ');
                    i++;
                }
                i--;
            }
            else if (source[i] == '/' && i + 1 < source.Length && source[i + 1] == '*')
            {
                var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal) + 2;
                foreach (var c in source.AsSpan(i, end - i))
                {
                    code.Append(c == '\n' ? '\n' : ' ');
                }
                i = end - 1;
            }
            else
            {
                code.Append(source[i]);
            }
        }
        return code.ToString();
    }

    [GeneratedRegex(@"^\s*param\s+(?<name>\w+)\s+(?<type>\w+)(?:\s*=\s*(?<default>.+?))?\s*$")]
    private static partial Regex ParameterLine();

    [GeneratedRegex(@"^resource\s+(?<symbol>\w+)\s+'Microsoft\.Authorization/roleAssignments@[^']+'", RegexOptions.Multiline)]
    private static partial Regex RoleAssignmentResource();

    [GeneratedRegex(@"^'?(?<key>[^':\s]+)'?\s*:\s*(?<value>.*)$", RegexOptions.Singleline)]
    private static partial Regex EntryText();

    [GeneratedRegex(@"^'(?<body>(?:[^'\\]|\\.)*)'$", RegexOptions.Singleline)]
    private static partial Regex SingleQuoted();

    [GeneratedRegex(@"'(?:[^'\\]|\\.)*'")]
    private static partial Regex QuotedAnywhere();
}

/// <summary>One <c>key: value</c> entry of an object literal; the value is Bicep expression text.</summary>
internal sealed record BicepEntry(string Key, string Value);

/// <summary>A <c>param</c>: its name, type, default expression (if any) and decorator text.</summary>
internal sealed record BicepParameter(string Name, string Type, string? Default, string Decorators);

/// <summary>A resource body (from its opening brace to the matching closing one).</summary>
internal sealed record BicepBlock(string Symbol, string Body);
