namespace CostOps.Domain.Autopilot;

/// <summary>
/// The run's limit on resource writes, shared by all workloads. Service-protecting actions
/// (resume, scale-up) are served first, then the rest; ties go by workload id and resource id, so
/// the same run always spends the budget the same way whatever order the workloads came in.
/// Dry-run writes count too: a dry run shows exactly what enforce would do.
/// </summary>
internal static class ActionBudget
{
    public static void Allocate(AutopilotRun run, IEnumerable<WorkloadDraft> drafts)
    {
        var remaining = Math.Max(0, run.MaxActionsPerRun - run.ActionsAlreadyTaken);
        var ordered = drafts
            .OrderBy(d => ProtectsService(d.Rule) ? 0 : 1)
            .ThenBy(d => d.Input.WorkloadId, StringComparer.Ordinal);
        foreach (var draft in ordered)
        {
            foreach (var target in draft.Targets.Where(t => t.Status == TargetStatus.Act))
            {
                if (remaining > 0)
                {
                    remaining--;
                }
                else
                {
                    target.Block(Guardrail.MaxActionsPerRun);
                }
            }
        }
    }

    private static bool ProtectsService(DecisionRule rule) =>
        rule is DecisionRule.ResumeAboveBreakEven or DecisionRule.ScaleUpToDemand;
}
