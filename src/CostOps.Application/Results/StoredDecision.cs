using CostOps.Application.Ports;
using CostOps.Domain.Autopilot;

namespace CostOps.Application.Results;

/// <summary>
/// One row of the <c>Decisions</c> table: the decision as the rules made it (every input needed to
/// reproduce it, see <see cref="DecisionRecord"/>), the run that made it, and what became of it.
/// </summary>
/// <param name="RunId">The autopilot run (or plan) that evaluated the decision.</param>
/// <param name="WriteSent">True once a write request left for ARM for this decision (even if it then failed).</param>
/// <param name="Outcomes">One per acting target, after acting; empty before, and for decisions that do not act.</param>
/// <param name="CompletedAt">When acting ended; null for decisions that did not act.</param>
public sealed record StoredDecision(
    DecisionRecord Decision,
    string RunId,
    DecisionOutcomeStatus OutcomeStatus,
    bool WriteSent,
    IReadOnlyList<FleetActionOutcome> Outcomes,
    DateTimeOffset? CompletedAt)
{
    public string WorkloadId => Decision.WorkloadId;

    public string DecisionId => Decision.DecisionId;

    /// <summary>The evaluated UTC night: the digest and the plan put a decision on this night, whenever it was evaluated.</summary>
    public DateOnly Night => Decision.Night;

    /// <summary>A decision as recorded before any action: final status for those that do not act, pending for the rest.</summary>
    public static StoredDecision BeforeActing(Decision decision, string runId)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var status = decision.WillAct
            ? DecisionOutcomeStatus.Pending
            : decision.Action != DecisionAction.Hold && decision.Mode == AutopilotMode.DryRun
                ? DecisionOutcomeStatus.DryRun
                : DecisionOutcomeStatus.Hold;
        return new StoredDecision(decision.ToRecord(), runId, status, false, [], null);
    }

    /// <summary>This decision with the outcome of acting on it.</summary>
    public StoredDecision WithOutcomes(IReadOnlyList<FleetActionOutcome> outcomes, DateTimeOffset completedAt)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return this with
        {
            OutcomeStatus = StatusOf(outcomes),
            WriteSent = outcomes.Any(o => o.WriteSent),
            Outcomes = outcomes,
            CompletedAt = completedAt,
        };
    }

    private static DecisionOutcomeStatus StatusOf(IReadOnlyList<FleetActionOutcome> outcomes)
    {
        var reached = outcomes.Count(o => o.ReachedTarget);
        return reached == outcomes.Count ? DecisionOutcomeStatus.Succeeded
            : reached > 0 ? DecisionOutcomeStatus.Partial
            : DecisionOutcomeStatus.Failed;
    }
}
