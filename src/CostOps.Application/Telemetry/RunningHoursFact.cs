using CostOps.Domain.Autopilot;

namespace CostOps.Application.Telemetry;

/// <summary>
/// How many hours a GPU VM ran on one UTC day (for a scale set: instance-hours), from the hourly average of
/// Azure Monitor's <c>VmAvailabilityMetric</c>.
/// </summary>
/// <param name="ResourceId">The ARM resource id.</param>
/// <param name="Kind">VM or scale set.</param>
/// <param name="Day">The UTC day.</param>
/// <param name="RunningHours">Sum of the hourly availability averages; null when no hour of the day is known.</param>
/// <param name="Completeness">Hours known / 24. An hour is known when the metric has a value, or when the resource
/// is deallocated now and the hour belongs to the gap that runs up to now (the metric stops once a VM is deallocated).</param>
public sealed record RunningHoursFact(
    string ResourceId,
    ComputeResourceKind Kind,
    DateOnly Day,
    double? RunningHours,
    Completeness Completeness);
