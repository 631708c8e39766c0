namespace CostOps.Infrastructure.Prometheus;

/// <summary>Runs Prometheus range queries: against a live HTTP API or against exported <c>query_range</c> JSON files.</summary>
public interface IPrometheusRangeReader
{
    /// <summary>The matrix for <paramref name="query"/> evaluated every <paramref name="step"/> from <paramref name="start"/> to <paramref name="end"/> (both included).</summary>
    Task<IReadOnlyList<PrometheusSeries>> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken = default);
}
