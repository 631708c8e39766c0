using System.Text;

namespace CostOps.Infrastructure.Prometheus;

/// <summary>
/// Deployments' selectors that one range query can answer together: they differ only in the value of one label
/// matched with <c>=</c> (the key, e.g. <c>model_name</c>) and share every other matcher. The query matches the key
/// against the alternation of their values (<c>model_name=~"a|b|c"</c>), which selects exactly the union of their
/// series, and each series returned goes back to the selectors whose value it carries. Selectors that fit no group
/// (regex matchers, quoting this code does not rewrite) are groups of their own, queried as written.
/// </summary>
internal sealed class SelectorGroup
{
    private readonly string? _keyLabel;
    private readonly string _common;
    private readonly Dictionary<string, List<int>> _byValue = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _byValueIgnoringCase = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<int, string> _valueOf = [];
    private readonly Dictionary<int, string> _selectorOf = [];

    private SelectorGroup(string? keyLabel, string common)
    {
        _keyLabel = keyLabel;
        _common = common;
    }

    /// <summary>The selectors' indexes, in the order they were given.</summary>
    public List<int> Members { get; } = [];

    /// <summary>Groups <paramref name="selectors"/> (distinct label selectors); each index lands in exactly one group.</summary>
    public static IReadOnlyList<SelectorGroup> Plan(IReadOnlyList<string> selectors, bool combine)
    {
        ArgumentNullException.ThrowIfNull(selectors);
        var parsed = selectors.Select(Matcher.ParseAll).ToList();
        // Each selector joins the candidate group (key label + the other matchers) most selectors share.
        var shared = new Dictionary<(string Label, string Common), int>();
        foreach (var matchers in parsed.Where(m => m is not null))
        {
            foreach (var key in Candidates(matchers!))
            {
                shared[key] = shared.GetValueOrDefault(key) + 1;
            }
        }
        var groups = new Dictionary<(string Label, string Common), SelectorGroup>();
        var result = new List<SelectorGroup>();
        for (var i = 0; i < selectors.Count; i++)
        {
            var matchers = parsed[i];
            if (!combine || matchers is null || !Candidates(matchers).Any())
            {
                var alone = new SelectorGroup(null, selectors[i]);
                alone.Add(i, string.Empty, selectors[i]);
                result.Add(alone);
                continue;
            }
            var best = Candidates(matchers)
                .OrderByDescending(k => shared[k])
                .ThenBy(k => k.Label, StringComparer.Ordinal)
                .First();
            if (!groups.TryGetValue(best, out var group))
            {
                group = new SelectorGroup(best.Label, best.Common);
                groups[best] = group;
                result.Add(group);
            }
            group.Add(i, matchers.First(m => m.Label == best.Label && m.Operator == "=").Value, selectors[i]);
        }
        return result;
    }

    /// <summary>The query for <paramref name="members"/> of this group: the selector as written when it is one.</summary>
    public string Query(string metric, IReadOnlyList<int> members)
    {
        if (members.Count == 1 || _keyLabel is null)
        {
            var selector = _selectorOf[members[0]];
            return string.IsNullOrWhiteSpace(selector) ? metric : $"{metric}{{{selector}}}";
        }
        var alternation = string.Join('|', members.Select(m => _valueOf[m]).Distinct(StringComparer.Ordinal).Select(RegexLiteral));
        var matchers = _common.Length == 0 ? string.Empty : _common + ",";
        return $"{metric}{{{matchers}{_keyLabel}=~\"{PromQlString(alternation)}\"}}";
    }

    /// <summary>The members (of those queried) a returned series belongs to.</summary>
    public IEnumerable<int> Owners(IReadOnlyDictionary<string, string> labels, IReadOnlyList<int> queried)
    {
        if (_keyLabel is null || queried.Count == 1)
        {
            // The query was one selector as written: everything it returned is that selector's.
            return queried;
        }
        var value = labels.TryGetValue(_keyLabel, out var v) ? v : string.Empty;
        // Managed Prometheus matches label values without regard to case and may answer in another case than asked.
        var owners = _byValue.GetValueOrDefault(value) ?? _byValueIgnoringCase.GetValueOrDefault(value);
        return owners is null ? [] : owners.Where(queried.Contains);
    }

    private void Add(int index, string value, string selector)
    {
        Members.Add(index);
        _valueOf[index] = value;
        _selectorOf[index] = selector;
        Owners(_byValue, value).Add(index);
        Owners(_byValueIgnoringCase, value).Add(index);
    }

    private static List<int> Owners(Dictionary<string, List<int>> map, string value)
    {
        if (!map.TryGetValue(value, out var list))
        {
            list = [];
            map[value] = list;
        }
        return list;
    }

    private static IEnumerable<(string Label, string Common)> Candidates(IReadOnlyList<Matcher> matchers) =>
        matchers
            .Where(m => m.Operator == "=")
            .Select(key => (key.Label, string.Join(',', matchers.Where(m => !ReferenceEquals(m, key)).Select(m => m.Text).Order(StringComparer.Ordinal))));

    // RE2 metacharacters escaped, so each value matches itself only.
    private static string RegexLiteral(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (@"\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
            {
                text.Append('\\');
            }
            text.Append(c);
        }
        return text.ToString();
    }

    private static string PromQlString(string value) => value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    /// <summary>One label matcher of a selector, as written (<see cref="Text"/>) and unquoted (<see cref="Value"/>).</summary>
    private sealed record Matcher(string Label, string Operator, string Value, string Text)
    {
        /// <summary>The matchers of <paramref name="selector"/>; null when it uses a form this code does not rewrite.</summary>
        public static IReadOnlyList<Matcher>? ParseAll(string selector)
        {
            var matchers = new List<Matcher>();
            foreach (var part in SplitOutsideQuotes(selector))
            {
                var text = part.Trim();
                if (text.Length == 0)
                {
                    continue;
                }
                if (Parse(text) is not { } matcher)
                {
                    return null;
                }
                matchers.Add(matcher);
            }
            return matchers;
        }

        private static Matcher? Parse(string text)
        {
            var at = text.IndexOfAny(['=', '!']);
            if (at <= 0)
            {
                return null;
            }
            var label = text[..at].Trim();
            var rest = text[at..];
            var op = rest.StartsWith("=~", StringComparison.Ordinal) ? "=~"
                : rest.StartsWith("!~", StringComparison.Ordinal) ? "!~"
                : rest.StartsWith("!=", StringComparison.Ordinal) ? "!="
                : rest.StartsWith('=') ? "=" : null;
            if (op is null || label.Length == 0 || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return null;
            }
            var quoted = rest[op.Length..].Trim();
            if (quoted.Length < 2 || quoted[0] != '"' || quoted[^1] != '"')
            {
                return null;
            }
            var value = Unquote(quoted[1..^1]);
            return value is null ? null : new Matcher(label, op, value, $"{label}{op}{quoted}");
        }

        // Only \\ and \" are undone; any other escape keeps the selector out of a group (it is queried as written).
        private static string? Unquote(string inner)
        {
            var text = new StringBuilder(inner.Length);
            for (var i = 0; i < inner.Length; i++)
            {
                if (inner[i] == '"')
                {
                    return null;
                }
                if (inner[i] == '\\')
                {
                    if (i + 1 >= inner.Length || inner[i + 1] is not ('\\' or '"'))
                    {
                        return null;
                    }
                    i++;
                }
                text.Append(inner[i]);
            }
            return text.ToString();
        }

        private static IEnumerable<string> SplitOutsideQuotes(string text)
        {
            var start = 0;
            var quoted = false;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\\' && quoted)
                {
                    i++;
                }
                else if (text[i] == '"')
                {
                    quoted = !quoted;
                }
                else if (text[i] == ',' && !quoted)
                {
                    yield return text[start..i];
                    start = i + 1;
                }
            }
            yield return text[start..];
        }
    }
}
