namespace CostOps.Infrastructure.AzureMonitor;

/// <summary>
/// A metrics read for a set of resources of one type.
/// </summary>
/// <param name="MetricNamespace">e.g. <c>Microsoft.CognitiveServices/accounts</c> (required by the batch API).</param>
/// <param name="MetricNames">REST metric names (at most 20 per call).</param>
/// <param name="Aggregations">e.g. <c>total</c>, <c>average</c>.</param>
/// <param name="Interval">The bucket size (hourly for daily facts).</param>
/// <param name="Start">Window start (inclusive).</param>
/// <param name="End">Window end (exclusive).</param>
/// <param name="Filter">A dimension filter such as <c>ModelDeploymentName eq '*'</c>, or null.</param>
/// <param name="Top">Maximum series per resource; null lets <see cref="EffectiveTop"/> decide.</param>
public sealed record MetricsRequest(
    string MetricNamespace,
    IReadOnlyList<string> MetricNames,
    IReadOnlyList<string> Aggregations,
    TimeSpan Interval,
    DateTimeOffset Start,
    DateTimeOffset End,
    string? Filter = null,
    int? Top = null)
{
    /// <summary>The series limit used when a filter splits by every value of a dimension.</summary>
    public const int SplitTop = 1000;

    /// <summary>
    /// Azure Monitor returns only 10 series by default when filtering; splitting with <c>'*'</c> would silently
    /// drop deployments or instances, so the limit is raised whenever the filter splits.
    /// </summary>
    public int? EffectiveTop => Top ?? (Filter is not null && Filter.Contains("'*'", StringComparison.Ordinal) ? SplitTop : null);

    /// <summary>Splits a dimension by every value, e.g. <c>ModelDeploymentName eq '*'</c>.</summary>
    public static string SplitBy(string dimension) => $"{dimension} eq '*'";
}
