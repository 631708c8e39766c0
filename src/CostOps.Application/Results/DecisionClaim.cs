using CostOps.Application.Ports;

namespace CostOps.Application.Results;

/// <summary>
/// The mark a run leaves on a decision id just before its first ARM write: only one claim can
/// exist per decision id, so a re-run of the same night, or a second run racing the first, never
/// acts on the same decision twice. Once claimed, a write may have been sent, so the claim alone
/// already counts as an action (cooldown, budget); the outcome, when written, says exactly which
/// targets saw a write.
/// </summary>
/// <param name="Day">The evaluated UTC day of the decision.</param>
/// <param name="TargetResourceIds">The decision's acting targets (what the claim may have written to).</param>
/// <param name="Outcomes">The per-target outcomes once written; null while the claim has none (acting, or the run died).</param>
public sealed record DecisionClaim(
    string WorkloadId,
    string DecisionId,
    DateOnly Day,
    string RunId,
    DateTimeOffset ClaimedAt,
    IReadOnlyList<string> TargetResourceIds,
    IReadOnlyList<FleetActionOutcome>? Outcomes)
{
    /// <summary>
    /// The resources this claim (possibly) wrote to, with when: from the outcomes when known (only
    /// the targets whose write was sent, at their completion), else every target at the claim time.
    /// </summary>
    public IEnumerable<(string ResourceId, DateTimeOffset At)> Writes =>
        Outcomes is { } outcomes
            ? outcomes.Where(o => o.WriteSent).Select(o => (o.ResourceId, o.CompletedAt))
            : TargetResourceIds.Select(id => (id, ClaimedAt));
}
