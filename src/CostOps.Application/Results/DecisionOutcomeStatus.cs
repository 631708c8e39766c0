namespace CostOps.Application.Results;

/// <summary>
/// Where a stored decision stands (the <c>OutcomeStatus</c> column of <c>Decisions</c>, kebab-case).
/// Decisions that do not act get their final status when they are recorded; acting ones are
/// recorded <see cref="Pending"/> before the first ARM request and get their outcome after.
/// </summary>
public enum DecisionOutcomeStatus
{
    /// <summary>Recorded before acting; the outcome has not been written (yet: a run that died here leaves it so).</summary>
    Pending = 0,

    /// <summary>Nothing to send: no rule fired, guardrails blocked it, mode off, or everything is already in place.</summary>
    Hold = 1,

    /// <summary>Dry run: the writes are planned and recorded ("would ..."), none is sent.</summary>
    DryRun = 2,

    /// <summary>Every target reached its state (written, or found already there).</summary>
    Succeeded = 3,

    /// <summary>Some targets reached their state, others did not (see the per-target outcomes).</summary>
    Partial = 4,

    /// <summary>No target reached its state: ARM refused, timed out, or the read-back disagrees.</summary>
    Failed = 5,

    /// <summary>An earlier run already acted on this decision id (same night, same state): nothing sent again.</summary>
    AlreadyActed = 6,

    /// <summary>The run could not act (lease lost, claim not stored, cancelled): nothing sent.</summary>
    NotActed = 7,
}
