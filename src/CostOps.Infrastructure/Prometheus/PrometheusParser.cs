using System.Globalization;
using System.Text.Json;
using CostOps.Infrastructure.Pipeline;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.Prometheus;

/// <summary>Validates a <c>query_range</c> answer (live or exported) and turns it into series.</summary>
internal static class PrometheusParser
{
    public static IReadOnlyList<PrometheusSeries> Parse(PrometheusResponseBody body, SourceContext source, ILogger logger)
    {
        if (string.Equals(body.Status, "error", StringComparison.OrdinalIgnoreCase))
        {
            throw source.Error($"answered status 'error': {body.ErrorType ?? "unknown"}: {body.Error ?? "(no message)"}");
        }
        if (!string.Equals(body.Status, "success", StringComparison.OrdinalIgnoreCase))
        {
            throw TelemetryHttp.Malformed(source, $"status is '{body.Status ?? "(missing)"}', expected 'success'.");
        }
        foreach (var warning in body.Warnings ?? [])
        {
            TelemetryLog.PrometheusWarning(logger, source.Name, warning);
        }
        if (body.Data is null)
        {
            throw TelemetryHttp.Malformed(source, "the answer has no 'data'.");
        }
        if (!string.Equals(body.Data.ResultType, "matrix", StringComparison.Ordinal))
        {
            throw source.Error($"answered resultType '{body.Data.ResultType ?? "(missing)"}' where a range query must give 'matrix'.");
        }
        var series = new List<PrometheusSeries>();
        foreach (var item in body.Data.Result ?? throw TelemetryHttp.Malformed(source, "the answer has no 'data.result'."))
        {
            var samples = new List<PrometheusSample>();
            foreach (var pair in item.Values ?? [])
            {
                if (pair.Count != 2 || pair[0].ValueKind != JsonValueKind.Number || pair[1].ValueKind != JsonValueKind.String)
                {
                    throw TelemetryHttp.Malformed(source, "a sample is not a [unixSeconds, \"value\"] pair.");
                }
                var at = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(pair[0].GetDouble() * 1000));
                var text = pair[1].GetString();
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    // Prometheus spells infinities "+Inf"/"-Inf"; they carry no usable amount either way.
                    if (text is "+Inf" or "-Inf" or "Inf")
                    {
                        continue;
                    }
                    throw TelemetryHttp.Malformed(source, $"a sample value '{text}' is not a number.");
                }
                if (double.IsFinite(value))
                {
                    samples.Add(new PrometheusSample(at, value));
                }
            }
            samples.Sort((a, b) => a.At.CompareTo(b.At));
            series.Add(new PrometheusSeries(item.Metric ?? [], samples));
        }
        return series;
    }
}
