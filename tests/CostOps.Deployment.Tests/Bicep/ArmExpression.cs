using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace CostOps.Deployment.Tests.Bicep;

/// <summary>
/// Evaluates what <c>bicep snapshot</c> leaves of an ARM expression: everything it could not know before
/// deployment, i.e. <c>reference(id, apiVersion).property</c> of resources that do not exist yet, inside
/// <c>format</c>, <c>concat</c> and the resource-id functions. Any other function fails loudly, so a template
/// change that needs more is noticed here rather than silently skipped.
/// </summary>
internal sealed class ArmExpression
{
    private readonly string _text;
    private readonly Func<string, JsonNode> _reference;
    private int _at;

    private ArmExpression(string text, Func<string, JsonNode> reference)
    {
        _text = text;
        _reference = reference;
    }

    /// <summary>
    /// The value of a template string: a literal stays as it is ("[[" escapes a leading bracket); "[...]" is an
    /// expression, and <paramref name="reference"/> answers each resource's runtime properties.
    /// </summary>
    public static JsonNode? Evaluate(string value, Func<string, JsonNode> reference)
    {
        if (!value.StartsWith('[') || !value.EndsWith(']'))
        {
            return JsonValue.Create(value);
        }
        if (value.StartsWith("[[", StringComparison.Ordinal))
        {
            return JsonValue.Create(value[1..]);
        }
        var parser = new ArmExpression(value[1..^1], reference);
        var result = parser.Expression();
        parser.SkipSpace();
        if (parser._at != parser._text.Length)
        {
            throw parser.Error("unexpected text");
        }
        return result;
    }

    /// <summary>A string value of a template, evaluated.</summary>
    public static string EvaluateString(string value, Func<string, JsonNode> reference) => AsText(Evaluate(value, reference));

    private static string AsText(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };

    private JsonNode? Expression()
    {
        SkipSpace();
        JsonNode? value;
        if (Peek() == '\'')
        {
            value = JsonValue.Create(StringLiteral());
        }
        else if (char.IsDigit(Peek()) || Peek() == '-')
        {
            var start = _at++;
            while (_at < _text.Length && char.IsDigit(_text[_at]))
            {
                _at++;
            }
            value = JsonValue.Create(long.Parse(_text[start.._at], CultureInfo.InvariantCulture));
        }
        else
        {
            var name = Identifier();
            Expect('(');
            var arguments = new List<JsonNode?>();
            SkipSpace();
            while (Peek() != ')')
            {
                arguments.Add(Expression());
                SkipSpace();
                if (Peek() == ',')
                {
                    _at++;
                }
            }
            Expect(')');
            value = Call(name, arguments);
        }
        return Accessors(value);
    }

    private JsonNode? Accessors(JsonNode? value)
    {
        while (true)
        {
            SkipSpace();
            if (Peek() == '.')
            {
                _at++;
                var property = Identifier();
                value = value is JsonObject obj && obj.TryGetPropertyValue(property, out var next)
                    ? next
                    : throw Error($"no property '{property}' on {value?.ToJsonString() ?? "null"}");
            }
            else if (Peek() == '[')
            {
                _at++;
                var index = Expression();
                Expect(']');
                value = (value, index) switch
                {
                    (JsonObject obj, _) => obj[AsText(index)],
                    (JsonArray array, JsonValue number) => array[(int)number.GetValue<long>()],
                    _ => throw Error("cannot index " + value?.ToJsonString()),
                };
            }
            else
            {
                return value;
            }
        }
    }

    private JsonNode? Call(string name, List<JsonNode?> arguments)
    {
        var texts = arguments.Select(AsText).ToList();
        return name.ToLowerInvariant() switch
        {
            "reference" => _reference(texts[0]).DeepClone(),
            "format" => JsonValue.Create(Format(texts[0], texts.Skip(1).ToList())),
            "concat" => JsonValue.Create(string.Concat(texts)),
            "extensionresourceid" => JsonValue.Create($"{texts[0]}/providers/{texts[1]}/{string.Join('/', texts.Skip(2))}"),
            "subscriptionresourceid" when texts.Count >= 3 && Guid.TryParse(texts[0], out _) =>
                JsonValue.Create($"/subscriptions/{texts[0]}/providers/{texts[1]}/{string.Join('/', texts.Skip(2))}"),
            "resourceid" when texts.Count >= 4 && Guid.TryParse(texts[0], out _) =>
                JsonValue.Create($"/subscriptions/{texts[0]}/resourceGroups/{texts[1]}/providers/{texts[2]}/{string.Join('/', texts.Skip(3))}"),
            "guid" => JsonValue.Create(ArmGuid(texts).ToString()),
            _ => throw Error($"function {name}() is not evaluated by this test helper; extend ArmExpression if the template needs it"),
        };
    }

    /// <summary>
    /// ARM's guid(): a name-based (version 5, SHA-1) UUID of the arguments joined by '-', in the namespace
    /// 11fb06fb-712d-4ddd-98c7-e71bbd588830 (checked against the ids the Bicep compiler computes).
    /// </summary>
    public static Guid ArmGuid(IEnumerable<string> arguments)
    {
        var name = Encoding.UTF8.GetBytes(string.Join('-', arguments));
        var input = new byte[16 + name.Length];
        new Guid("11fb06fb-712d-4ddd-98c7-e71bbd588830").TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input, 16);
#pragma warning disable CA5350 // SHA-1 is what the UUID version 5 algorithm (and so ARM) uses; nothing here is secured by it.
        var hash = System.Security.Cryptography.SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    private static string Format(string format, List<string> arguments)
    {
        var result = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] == '{' && format.IndexOf('}', i) is var end and > 0 && int.TryParse(format[(i + 1)..end], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                result.Append(arguments[index]);
                i = end;
            }
            else
            {
                result.Append(format[i]);
            }
        }
        return result.ToString();
    }

    private string StringLiteral()
    {
        Expect('\'');
        var result = new StringBuilder();
        while (true)
        {
            if (_at >= _text.Length)
            {
                throw Error("unterminated string");
            }
            var c = _text[_at++];
            if (c == '\'')
            {
                if (Peek() != '\'')
                {
                    return result.ToString();
                }
                _at++;
            }
            result.Append(c);
        }
    }

    private string Identifier()
    {
        SkipSpace();
        var start = _at;
        while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] == '_'))
        {
            _at++;
        }
        return _at > start ? _text[start.._at] : throw Error("identifier expected");
    }

    private void Expect(char c)
    {
        SkipSpace();
        if (Peek() != c)
        {
            throw Error($"'{c}' expected");
        }
        _at++;
    }

    private char Peek() => _at < _text.Length ? _text[_at] : '\0';

    private void SkipSpace()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
        {
            _at++;
        }
    }

    private FormatException Error(string what) => new($"ARM expression [{_text}] at {_at}: {what}");
}
