using CostOps.Infrastructure.Pipeline;

namespace CostOps.Infrastructure.Files;

/// <summary>
/// The small PromQL subset exported files are queried with: <c>metric{label="value",other!="x"}</c>.
/// Regex matchers need a real Prometheus and are refused with a clear error.
/// </summary>
internal sealed record LabelMatchers(string Label, string Value, bool Equal)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels) =>
        (labels.TryGetValue(Label, out var actual) ? actual : string.Empty).Equals(Value, StringComparison.Ordinal) == Equal;

    public static (string Metric, IReadOnlyList<LabelMatchers> Matchers) Parse(string query, SourceContext source)
    {
        var open = query.IndexOf('{', StringComparison.Ordinal);
        if (open < 0)
        {
            return (query.Trim(), []);
        }
        if (!query.EndsWith('}'))
        {
            throw source.Error($"cannot answer '{query}' from files: only 'metric{{label=\"value\",...}}' selectors are supported.");
        }
        var matchers = new List<LabelMatchers>();
        foreach (var part in SplitOutsideQuotes(query[(open + 1)..^1]))
        {
            var trimmed = part.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }
            var notEqual = trimmed.IndexOf("!=", StringComparison.Ordinal);
            var equal = trimmed.IndexOf('=', StringComparison.Ordinal);
            if (trimmed.Contains("=~", StringComparison.Ordinal) || trimmed.Contains("!~", StringComparison.Ordinal) || equal < 0)
            {
                throw source.Error($"cannot answer '{query}' from files: only = and != label matchers are supported.");
            }
            var at = notEqual >= 0 && notEqual < equal ? notEqual : equal;
            var label = trimmed[..at].Trim();
            var value = trimmed[(at + (notEqual == at ? 2 : 1))..].Trim().Trim('"');
            matchers.Add(new LabelMatchers(label, value, notEqual != at));
        }
        return (query[..open].Trim(), matchers);
    }

    private static IEnumerable<string> SplitOutsideQuotes(string text)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"' && (i == 0 || text[i - 1] != '\\'))
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
