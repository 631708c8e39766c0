using System.Collections.Concurrent;
using CostOps.Application.Jobs;
using CostOps.Application.Results;

namespace CostOps.Application.Nightly;

/// <summary>What computing a set of workloads did: each workload's outcome and the rows stored, in a stable order.</summary>
public sealed record TcoComputation(IReadOnlyList<WorkloadOutcome> Workloads, IReadOnlyList<DailyTcoRecord> Rows)
{
    /// <summary>The run's status for these workloads (<see cref="StatusOf"/>).</summary>
    public JobStatus Status => StatusOf(Workloads);

    /// <summary>One line per failed workload ("id: problem; problem"), then one per no-data workload naming its days.</summary>
    public IReadOnlyList<string> Errors =>
        [.. Workloads.Where(o => !o.Succeeded).Select(o => $"{o.WorkloadId}: {string.Join("; ", o.Problems)}"),
         .. Workloads.Where(o => o.HadNoData).Select(NoDataLine)];

    /// <summary>
    /// Succeeded only when every workload was computed and stored with data on at least one day; Failed when none
    /// was computed; else Partial (an empty set succeeds). A workload whose sources answered nothing for every day of
    /// the run is a no-data workload: its rows are stored (so every surface says "no data" for those nights) but the
    /// run did not succeed for it, so a night with only no-data workloads is Partial, never Succeeded, and health
    /// counts it as such.
    /// </summary>
    public static JobStatus StatusOf(IReadOnlyList<WorkloadOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.All(o => o.Succeeded && !o.HadNoData))
        {
            return JobStatus.Succeeded;
        }
        return outcomes.Any(o => o.Succeeded) ? JobStatus.Partial : JobStatus.Failed;
    }

    private static string NoDataLine(WorkloadOutcome outcome)
    {
        var days = outcome.DaysWithoutData;
        var when = days.Count == 1 ? $"{days[0]:yyyy-MM-dd}" : $"{days[0]:yyyy-MM-dd}..{days[^1]:yyyy-MM-dd}";
        return $"{outcome.WorkloadId}: no data: the telemetry sources answered nothing for {when}";
    }

    internal static TcoComputation Of(ConcurrentBag<WorkloadOutcome> outcomes, ConcurrentBag<DailyTcoRecord> rows) => new(
        [.. outcomes.OrderBy(o => o.WorkloadId, StringComparer.Ordinal)],
        [.. rows.OrderBy(r => r.WorkloadId, StringComparer.Ordinal).ThenBy(r => r.Tco.Day)]);
}

/// <summary>A computation that stopped part way (e.g. a source threw what no workload could absorb), with what it had done.</summary>
internal sealed class TcoComputationException(TcoComputation partial, Exception inner) : Exception(inner.Message, inner)
{
    public TcoComputation Partial { get; } = partial;
}
