using System.Collections.Concurrent;
using CostOps.Application.Jobs;
using CostOps.Application.Results;

namespace CostOps.Application.Nightly;

/// <summary>What computing a set of workloads did: each workload's outcome and the rows stored, in a stable order.</summary>
public sealed record TcoComputation(IReadOnlyList<WorkloadOutcome> Workloads, IReadOnlyList<DailyTcoRecord> Rows)
{
    /// <summary>Succeeded when every workload did, Failed when none did, else Partial (an empty set succeeds).</summary>
    public JobStatus Status =>
        Workloads.All(o => o.Succeeded) ? JobStatus.Succeeded : Workloads.Any(o => o.Succeeded) ? JobStatus.Partial : JobStatus.Failed;

    /// <summary>One line per failed workload: "id: problem; problem".</summary>
    public IReadOnlyList<string> Errors =>
        [.. Workloads.Where(o => !o.Succeeded).Select(o => $"{o.WorkloadId}: {string.Join("; ", o.Problems)}")];

    internal static TcoComputation Of(ConcurrentBag<WorkloadOutcome> outcomes, ConcurrentBag<DailyTcoRecord> rows) => new(
        [.. outcomes.OrderBy(o => o.WorkloadId, StringComparer.Ordinal)],
        [.. rows.OrderBy(r => r.WorkloadId, StringComparer.Ordinal).ThenBy(r => r.Tco.Day)]);
}

/// <summary>A computation that stopped part way (e.g. a source threw what no workload could absorb), with what it had done.</summary>
internal sealed class TcoComputationException(TcoComputation partial, Exception inner) : Exception(inner.Message, inner)
{
    public TcoComputation Partial { get; } = partial;
}
