using CostOps.Application.Results;

namespace CostOps.Application.Autopilot;

/// <summary>What an autopilot run did: its Runs row, the plan it acted on, and each workload's result.</summary>
/// <param name="Plan">Null when the run was skipped because another run held the lease.</param>
public sealed record AutopilotRunReport(RunRecord Run, AutopilotPlan? Plan, IReadOnlyList<WorkloadRunResult> Workloads)
{
    public const string SkippedMessage = "skipped: another run holds the lease";

    /// <summary>Another run held the <c>autopilot</c> lease, so this one decided and did nothing.</summary>
    public bool Skipped => Plan is null;

    public int WritesSent => Workloads.Sum(w => w.WritesSent);
}
