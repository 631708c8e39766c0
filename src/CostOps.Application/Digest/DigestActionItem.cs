using CostOps.Application.Results;
using CostOps.Domain.Autopilot;

namespace CostOps.Application.Digest;

/// <summary>
/// Stored autopilot decisions of one workload with the same action, mode and outcome in the week, collapsed into one
/// line (a dry-run autopilot plans the same pause every night).
/// </summary>
/// <param name="Action">The action (the proposed one, for a blocked decision).</param>
/// <param name="Mode">The mode it was decided in.</param>
/// <param name="Outcome">What became of it.</param>
/// <param name="Count">How many decisions were collapsed (at least 1).</param>
/// <param name="LatestNight">The evaluated night of the latest of them.</param>
/// <param name="LatestReason">The latest decision's reason.</param>
public sealed record DigestActionItem(
    DecisionAction Action,
    AutopilotMode Mode,
    DigestActionOutcome Outcome,
    int Count,
    DateOnly LatestNight,
    string LatestReason)
{
    /// <summary>True when the action was carried out.</summary>
    public bool IsTaken => Outcome == DigestActionOutcome.Done;

    /// <summary>True when the action was decided but not carried out (dry-run, off, or pending).</summary>
    public bool IsPlanned => Outcome == DigestActionOutcome.Planned;

    /// <summary>
    /// How the digest reads a stored decision: the action it reports (the proposed one when a guardrail blocked it) and
    /// its outcome; null for a decision that reports nothing (a plain hold, or a re-run that found the action already taken).
    /// </summary>
    public static (DecisionAction Action, DigestActionOutcome Outcome)? Classify(StoredDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var record = decision.Decision;
        var action = record.ActionValue;
        var proposed = record.ProposedActionValue;
        switch (decision.OutcomeStatus)
        {
            case DecisionOutcomeStatus.AlreadyActed:
                // A re-evaluation of a decision an earlier run acted on: that run's row reports the action.
                return null;
            case DecisionOutcomeStatus.Succeeded:
                return (action, DigestActionOutcome.Done);
            case DecisionOutcomeStatus.Failed or DecisionOutcomeStatus.Partial:
                // Part of the action failed: that needs a human as much as a whole failure.
                return (action, DigestActionOutcome.Failed);
        }
        if (action == DecisionAction.Hold)
        {
            return proposed != DecisionAction.Hold && !string.IsNullOrWhiteSpace(record.BlockedBy)
                ? (proposed, DigestActionOutcome.Blocked)
                : null;
        }
        return (action, DigestActionOutcome.Planned);
    }
}
