using CostOps.Domain.Time;

namespace CostOps.Application.Nightly;

/// <summary>Which workloads and days to (re)compute, and who asked.</summary>
/// <param name="WorkloadIds">Null or empty: every workload of the catalog.</param>
public sealed record TcoRunRequest(IReadOnlyList<string>? WorkloadIds, DayRange Days, string Trigger, string Job = NightlyTcoJob.Name);

/// <summary>How one workload fared in a run.</summary>
public sealed record WorkloadOutcome(string WorkloadId, bool Succeeded, int RowsWritten, IReadOnlyList<string> Problems);

/// <summary>Progress of a run, for progress bars: <paramref name="Done"/> of <paramref name="Total"/> workload-days.</summary>
public sealed record TcoProgress(int Done, int Total, string LastWorkloadId);
