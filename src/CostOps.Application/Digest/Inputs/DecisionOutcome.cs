namespace CostOps.Application.Digest.Inputs;

/// <summary>What became of an autopilot decision.</summary>
public enum DecisionOutcome
{
    /// <summary>Recorded but not carried out (dry-run, off, or waiting to act).</summary>
    Planned,

    /// <summary>Carried out successfully.</summary>
    Succeeded,

    /// <summary>Attempted and failed (e.g. an allocation failure on resume).</summary>
    Failed,

    /// <summary>Stopped by a guardrail (cooldown, stale prices, incomplete data...); the reason says which.</summary>
    Blocked,
}
