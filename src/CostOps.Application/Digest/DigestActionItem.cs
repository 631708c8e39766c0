using CostOps.Application.Digest.Inputs;

namespace CostOps.Application.Digest;

/// <summary>
/// Autopilot decisions of one workload with the same action, mode and outcome in the week, collapsed into one line
/// (a dry-run autopilot plans the same pause every night).
/// </summary>
/// <param name="Action">The action.</param>
/// <param name="Mode">The mode it was decided in.</param>
/// <param name="Outcome">What became of it.</param>
/// <param name="Count">How many decisions were collapsed (at least 1).</param>
/// <param name="LatestAt">When the latest of them was made.</param>
/// <param name="LatestReason">The latest decision's reason.</param>
public sealed record DigestActionItem(
    DecisionAction Action,
    DecisionMode Mode,
    DecisionOutcome Outcome,
    int Count,
    DateTimeOffset LatestAt,
    string LatestReason)
{
    /// <summary>True when the action was carried out.</summary>
    public bool IsTaken => Outcome == DecisionOutcome.Succeeded;

    /// <summary>True when the action was decided but not carried out (dry-run, off, or pending).</summary>
    public bool IsPlanned => Outcome == DecisionOutcome.Planned;
}
