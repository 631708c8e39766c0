using CostOps.Domain.Time;

namespace CostOps.Application.Telemetry;

/// <summary>
/// A daily Azure Monitor platform-metrics read.
/// </summary>
/// <param name="Days">The UTC days to report.</param>
/// <param name="ResourceIds">ARM ids of one resource type; empty means the source's configured resources.</param>
/// <param name="MetricNamespace">e.g. <c>Microsoft.Compute/virtualMachines</c>.</param>
/// <param name="MetricNames">Metric REST names, e.g. <c>Percentage CPU</c>.</param>
/// <param name="Aggregations">Any of <c>average</c>, <c>total</c>, <c>minimum</c>, <c>maximum</c>, <c>count</c>.</param>
/// <param name="SplitByDimension">A dimension to split by (every value), or null.</param>
public sealed record ResourceMetricsQuery(
    DayRange Days,
    IReadOnlyList<string> ResourceIds,
    string MetricNamespace,
    IReadOnlyList<string> MetricNames,
    IReadOnlyList<string> Aggregations,
    string? SplitByDimension = null);
