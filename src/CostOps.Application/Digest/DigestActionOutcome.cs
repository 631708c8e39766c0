namespace CostOps.Application.Digest;

/// <summary>What became of an autopilot decision, as the digest groups the stored outcome statuses.</summary>
public enum DigestActionOutcome
{
    /// <summary>Decided but not carried out: dry-run, pending, or a run that could not act.</summary>
    Planned,

    /// <summary>Carried out: every target reached its state.</summary>
    Done,

    /// <summary>Attempted and failed, wholly or in part.</summary>
    Failed,

    /// <summary>A rule fired and a guardrail turned it into a hold; the reason says which.</summary>
    Blocked,
}
