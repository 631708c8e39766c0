using CostOps.Domain.Validation;

namespace CostOps.Domain.Autopilot;

/// <summary>
/// The autopilot's decision rules (docs/economics.md, "Autopilot rules"): pure and
/// deterministic. The same run and inputs always give equal decisions with equal ids; nothing is
/// read from the clock or the environment.
/// </summary>
public static class AutopilotRules
{
    /// <summary>
    /// Decides every workload of one run. The run's action budget is shared across them, so call
    /// this once per run with all workloads rather than once per workload.
    /// </summary>
    /// <returns>One decision per workload, in the order given.</returns>
    /// <exception cref="DomainValidationException">The run or a workload is invalid (every problem is named).</exception>
    public static IReadOnlyList<Decision> Decide(AutopilotRun run, IReadOnlyList<WorkloadAutopilotInput> workloads)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(workloads);
        var errors = new FieldErrors();
        errors.AddRange(run.Validate());
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < workloads.Count; i++)
        {
            errors.AddRange(workloads[i].Validate($"workloads[{i}]"));
            if (!ids.Add(workloads[i].WorkloadId))
            {
                errors.Add($"workloads[{i}].workloadId", $"appears twice in one run ({workloads[i].WorkloadId})");
            }
        }
        errors.ThrowIfAny();

        var drafts = workloads.Select(w => WorkloadDraft.Evaluate(run, w)).ToList();
        ActionBudget.Allocate(run, drafts);
        return drafts.Select(d => d.Finish()).ToList();
    }

    /// <summary>Decides a single workload with the whole run budget to itself (e.g. an on-demand plan).</summary>
    public static Decision Decide(AutopilotRun run, WorkloadAutopilotInput workload) => Decide(run, [workload])[0];
}
