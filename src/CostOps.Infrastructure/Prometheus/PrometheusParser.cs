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
            // The samples were read and checked with the body (PrometheusValuesConverter). Prometheus answers in time
            // order; exports edited by hand may not.
            IReadOnlyList<PrometheusSample> samples = item.Values ?? new SampleList();
            if (!IsOrdered(samples))
            {
                samples = [.. samples.OrderBy(s => s.At)];
            }
            series.Add(new PrometheusSeries(item.Metric ?? [], samples));
        }
        return series;
    }

    private static bool IsOrdered(IReadOnlyList<PrometheusSample> samples)
    {
        for (var i = 1; i < samples.Count; i++)
        {
            if (samples[i].At < samples[i - 1].At)
            {
                return false;
            }
        }
        return true;
    }
}
