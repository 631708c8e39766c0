namespace CostOps.Application.Digest.Inputs;

/// <summary>The autopilot mode a decision was made in.</summary>
public enum DecisionMode
{
    /// <summary>Autopilot disabled: decisions are recorded for information only.</summary>
    Off,

    /// <summary>The default: decisions are recorded as planned, nothing is touched.</summary>
    DryRun,

    /// <summary>Decisions are carried out.</summary>
    Enforce,
}
