namespace CostOps.Infrastructure.Prometheus;

/// <summary>
/// The largest answer one range query may ask for; the planner splits a query only where it would pass one of them.
/// </summary>
/// <param name="MaxPointsPerSeries">Prometheus refuses a range query of more than 11,000 evaluation steps
/// ("exceeded maximum resolution of 11,000 points per timeseries"), so a long range is read in windows of whole days.</param>
/// <param name="MaxSamplesPerQuery">The response size, in samples: Azure Monitor managed Prometheus returns at most
/// 50,000,000 samples per query (Prometheus' own <c>--query.max-samples</c> default is the same number).</param>
/// <param name="MaxSeriesPerQuery">Managed Prometheus answers at most 500,000 time series per metric and query.</param>
/// <param name="CombinesSelectors">Whether several deployments' selectors may share one query (a live server); exported
/// files answer only <c>=</c> and <c>!=</c> matchers, so each selector is read on its own there.</param>
public sealed record PrometheusQueryLimits(int MaxPointsPerSeries, long MaxSamplesPerQuery, int MaxSeriesPerQuery, bool CombinesSelectors)
{
    public const int DefaultMaxPointsPerSeries = 11_000;
    public const long DefaultMaxSamplesPerQuery = 50_000_000;
    public const int DefaultMaxSeriesPerQuery = 500_000;

    /// <summary>The documented defaults of a Prometheus-compatible server.</summary>
    public static PrometheusQueryLimits Server { get; } = new(DefaultMaxPointsPerSeries, DefaultMaxSamplesPerQuery, DefaultMaxSeriesPerQuery, true);

    /// <summary>Exported files: no server limits, one selector per read.</summary>
    public static PrometheusQueryLimits Files { get; } = new(int.MaxValue, long.MaxValue, int.MaxValue, false);
}
