namespace CostOps.Infrastructure.Prometheus;

/// <summary>Receives one series of a range-query answer; the samples (in time order) are only valid during the call.</summary>
public delegate void PrometheusSeriesHandler(IReadOnlyDictionary<string, string> labels, ReadOnlySpan<PrometheusSample> samples);

/// <summary>Runs Prometheus range queries: against a live HTTP API or against exported <c>query_range</c> JSON files.</summary>
public interface IPrometheusRangeReader
{
    /// <summary>What one query may ask of the server behind this reader.</summary>
    PrometheusQueryLimits Limits { get; }

    /// <summary>
    /// Evaluates <paramref name="query"/> every <paramref name="step"/> from <paramref name="start"/> to
    /// <paramref name="end"/> (both included) and hands each series of the matrix to <paramref name="onSeries"/> as it
    /// is read, so a fleet's answer is never held whole.
    /// </summary>
    Task ReadRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, PrometheusSeriesHandler onSeries, CancellationToken cancellationToken = default);
}
