using CostOps.Application.Results;

namespace CostOps.Application.Ports;

/// <summary>
/// The <c>Decisions</c> table: every autopilot decision (written before any action), its outcome
/// (written after), and the per-decision claim that keeps a decision from being acted on twice.
/// </summary>
public interface IDecisionStore
{
    /// <summary>
    /// Inserts or replaces the decision rows (one per decision and evaluation time; idempotent).
    /// Called with every decision of a run before the first ARM request.
    /// </summary>
    Task RecordAsync(IReadOnlyList<StoredDecision> decisions, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims <paramref name="decision"/>'s id for acting, atomically with marking its row. Exactly
    /// one caller ever wins per (workload, decision id): a second run of the same night, or a run
    /// racing this one, gets false and must not send anything.
    /// </summary>
    /// <returns>True when this caller may act; false when the decision was claimed before.</returns>
    Task<bool> TryClaimAsync(StoredDecision decision, CancellationToken cancellationToken = default);

    /// <summary>Writes the outcome (status, per-target outcomes, write sent, completed at) to the decision's row and to its claim.</summary>
    Task RecordOutcomeAsync(StoredDecision decision, CancellationToken cancellationToken = default);

    /// <summary>The claim of a decision id, or null when no run ever started acting on it (no write was sent for it).</summary>
    Task<DecisionClaim?> FindClaimAsync(string workloadId, string decisionId, CancellationToken cancellationToken = default);

    /// <summary>Every claim of a workload (the decisions acted on), for the cooldown and the run's action budget.</summary>
    Task<IReadOnlyList<DecisionClaim>> ListClaimsAsync(string workloadId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The audit trail, newest first: the decisions of <paramref name="workloadId"/> (every workload
    /// when null) evaluated at or after <paramref name="since"/> (all when null), at most <paramref name="top"/>.
    /// </summary>
    /// <param name="top">1 to 1000.</param>
    Task<IReadOnlyList<StoredDecision>> ListAsync(string? workloadId, DateTimeOffset? since, int top, CancellationToken cancellationToken = default);
}
