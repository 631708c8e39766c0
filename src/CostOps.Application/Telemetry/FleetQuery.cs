using CostOps.Domain.Time;

namespace CostOps.Application.Telemetry;

/// <summary>
/// Which GPU VMs / scale sets to describe, over which days.
/// </summary>
/// <param name="Days">The UTC days to report.</param>
/// <param name="ResourceIds">ARM ids of VMs and scale sets; empty means the source's configured resources.</param>
public sealed record FleetQuery(DayRange Days, IReadOnlyList<string> ResourceIds);
