using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CostOps.Infrastructure.Tests.Telemetry.Prometheus;

/// <summary>Builds <c>query_range</c> answers in the standard Prometheus shape.</summary>
internal static class PrometheusPayload
{
    public static readonly DateOnly Day = new(2025, 1, 1);

    /// <summary>Samples every hour of <see cref="Day"/> from 00:00 to the next midnight (25 points); null skips a sample.</summary>
    public static (DateTimeOffset At, double? Value)[] Hourly(Func<int, double?> valueOfHour, DateOnly? day = null) =>
        [.. Enumerable.Range(0, 25).Select(hour => (new DateTimeOffset((day ?? Day).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(hour), valueOfHour(hour)))];

    public static JsonObject Series(IReadOnlyDictionary<string, string> labels, IEnumerable<(DateTimeOffset At, double? Value)> samples)
    {
        var metric = new JsonObject();
        foreach (var (key, value) in labels)
        {
            metric[key] = value;
        }
        var values = new JsonArray();
        foreach (var (at, value) in samples)
        {
            if (value is { } v)
            {
                values.Add(new JsonArray(at.ToUnixTimeSeconds(), v.ToString(CultureInfo.InvariantCulture)));
            }
        }
        return new JsonObject { ["metric"] = metric, ["values"] = values };
    }

    public static string Matrix(params JsonObject[] series) =>
        new JsonObject { ["status"] = "success", ["data"] = new JsonObject { ["resultType"] = "matrix", ["result"] = new JsonArray([.. series]) } }.ToJsonString();

    /// <summary>The request's parameters, from the form body (POST) or the query string (GET).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> Parameters(HttpContext context)
    {
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync();
            return form.ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
        }
        return context.Request.Query.ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
    }

    /// <summary>Keeps the samples inside the request's [start, end], as a real Prometheus would.</summary>
    public static IEnumerable<(DateTimeOffset At, double? Value)> Within(IReadOnlyDictionary<string, string> parameters, IEnumerable<(DateTimeOffset At, double? Value)> samples)
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(long.Parse(parameters["start"], CultureInfo.InvariantCulture));
        var end = DateTimeOffset.FromUnixTimeSeconds(long.Parse(parameters["end"], CultureInfo.InvariantCulture));
        return samples.Where(s => s.At >= start && s.At <= end);
    }
}
