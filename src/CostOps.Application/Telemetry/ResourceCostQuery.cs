using CostOps.Domain.Time;

namespace CostOps.Application.Telemetry;

/// <summary>
/// Which resources' daily costs to read.
/// </summary>
/// <param name="Days">The UTC days to report.</param>
/// <param name="ResourceIds">ARM ids to report (one fact per id and day, missing rows as null);
/// empty reports every resource the source returns, without completeness for absent ones.</param>
public sealed record ResourceCostQuery(DayRange Days, IReadOnlyList<string> ResourceIds);
