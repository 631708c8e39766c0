namespace CostOps.Application.Telemetry;

/// <summary>
/// One metric of one resource (and dimension value) on one UTC day, aggregated from hourly buckets:
/// total = sum of hourly totals, average = mean of hourly averages, minimum/maximum over the hours.
/// Hours without a value are missing (never 0) and lower the completeness.
/// </summary>
/// <param name="ResourceId">The ARM resource id as asked for.</param>
/// <param name="MetricName">The metric REST name.</param>
/// <param name="DimensionValue">The value of the split dimension, or null when not split.</param>
/// <param name="Day">The UTC day.</param>
/// <param name="Total">Sum of the hourly totals; null when no hour had one.</param>
/// <param name="Average">Mean of the hourly averages; null when no hour had one.</param>
/// <param name="Minimum">Smallest hourly minimum; null when no hour had one.</param>
/// <param name="Maximum">Largest hourly maximum; null when no hour had one.</param>
/// <param name="Completeness">Hours with a value / 24.</param>
public sealed record ResourceMetricFact(
    string ResourceId,
    string MetricName,
    string? DimensionValue,
    DateOnly Day,
    double? Total,
    double? Average,
    double? Minimum,
    double? Maximum,
    Completeness Completeness);
