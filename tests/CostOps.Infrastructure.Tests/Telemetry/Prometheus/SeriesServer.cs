using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CostOps.TestSupport;

namespace CostOps.Infrastructure.Tests.Telemetry.Prometheus;

/// <summary>
/// A Prometheus that holds a fixed set of series per metric and answers any <c>metric{...}</c> range query with the
/// series its matchers select (<c>=</c>, <c>!=</c>, <c>=~</c> fully anchored as in PromQL), inside [start, end], like
/// a real server: so one workload's query and a fleet's batched query read the very same series.
/// </summary>
internal static partial class SeriesServer
{
    public static Task<LoopbackServer> StartAsync(IReadOnlyDictionary<string, JsonObject[]> seriesByMetric, Func<string, int?>? failWith = null) =>
        LoopbackServer.StartAsync(async context =>
        {
            var parameters = await PrometheusPayload.Parameters(context);
            var query = parameters["query"];
            if (failWith?.Invoke(query) is { } status)
            {
                await LoopbackReplies.Json(context, """{"status":"error","errorType":"execution","error":"refused"}""", status);
                return;
            }
            var match = Selector().Match(query);
            var metric = match.Groups["metric"].Value;
            var matchers = match.Groups["matchers"].Success
                ? Matcher().Matches(match.Groups["matchers"].Value).Select(m => (Label: m.Groups["label"].Value, Op: m.Groups["op"].Value, Value: Unescape(m.Groups["value"].Value))).ToList()
                : [];
            var selected = (seriesByMetric.GetValueOrDefault(metric) ?? []).Where(s =>
            {
                var labels = s["metric"]!.AsObject();
                return matchers.All(m =>
                {
                    var actual = labels[m.Label]?.GetValue<string>() ?? string.Empty;
                    return m.Op switch
                    {
                        "=" => actual == m.Value,
                        "!=" => actual != m.Value,
                        "=~" => Regex.IsMatch(actual, $"^(?:{m.Value})$", RegexOptions.None, TimeSpan.FromSeconds(1)),
                        _ => !Regex.IsMatch(actual, $"^(?:{m.Value})$", RegexOptions.None, TimeSpan.FromSeconds(1)),
                    };
                });
            }).Select(s =>
            {
                var kept = new JsonArray();
                foreach (var pair in s["values"]!.AsArray())
                {
                    var at = DateTimeOffset.FromUnixTimeSeconds(pair![0]!.GetValue<long>());
                    if (PrometheusPayload.Within(parameters, [(at, 0d)]).Any())
                    {
                        kept.Add(pair.DeepClone());
                    }
                }
                return new JsonObject { ["metric"] = s["metric"]!.DeepClone(), ["values"] = kept };
            });
            await LoopbackReplies.Json(context, PrometheusPayload.Matrix([.. selected]));
        }, https: false);

    /// <summary>The values of <paramref name="label"/> the query's <c>=~</c> alternation names, or its <c>=</c> value.</summary>
    public static IReadOnlyList<string> Selected(string query, string label)
    {
        var found = Matcher().Matches(Selector().Match(query).Groups["matchers"].Value).FirstOrDefault(m => m.Groups["label"].Value == label);
        return found is null ? [] : [.. Unescape(found.Groups["value"].Value).Split('|').Select(v => v.Replace(@"\", string.Empty, StringComparison.Ordinal))];
    }

    private static string Unescape(string value) => value.Replace(@"\\", @"\", StringComparison.Ordinal).Replace("\\\"", "\"", StringComparison.Ordinal);

    [GeneratedRegex("^(?<metric>[^{]+)(\\{(?<matchers>.*)\\})?$")]
    private static partial Regex Selector();

    [GeneratedRegex("(?<label>[A-Za-z_][A-Za-z0-9_]*)(?<op>=~|!~|!=|=)\"(?<value>(?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex Matcher();
}
