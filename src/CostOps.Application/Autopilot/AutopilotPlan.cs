using CostOps.Domain.Autopilot;

namespace CostOps.Application.Autopilot;

/// <summary>What the autopilot decided (or would decide) for a set of workloads in one run.</summary>
/// <param name="Run">The run's shared inputs: evaluated day, clock reading, global mode, action budget and what of it earlier runs of the day spent.</param>
/// <param name="Workloads">One plan per workload decided, in catalog order (or the order asked for).</param>
/// <param name="Undecided">Workloads whose inputs the rules rejected, one line each naming the field; they get no decision.</param>
public sealed record AutopilotPlan(AutopilotRun Run, IReadOnlyList<WorkloadPlan> Workloads, IReadOnlyList<string> Undecided)
{
    public IEnumerable<Decision> Decisions => Workloads.Select(w => w.Decision);

    /// <summary>The writes the plan would send in enforce mode (dry-run plans list them too, as "would").</summary>
    public int PlannedWrites => Workloads.Sum(w => w.Decision.ActingTargets.Count());
}
