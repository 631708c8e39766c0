namespace CostOps.Domain.Autopilot;

/// <summary>
/// How far the autopilot may go, from least to most permissive. The numeric order is the
/// permissiveness order, so the stricter of two modes is the smaller one.
/// </summary>
public enum AutopilotMode
{
    /// <summary>No action is planned; decisions are still recorded with the rule that would have fired.</summary>
    Off = 0,

    /// <summary>Actions are planned and recorded ("would deallocate"), never sent to Azure. The default.</summary>
    DryRun = 1,

    /// <summary>Planned actions are sent to Azure.</summary>
    Enforce = 2,
}

/// <summary>Combining modes: a global setting can only restrict a workload's own, never widen it.</summary>
public static class AutopilotModeExtensions
{
    /// <summary>The stricter of two modes (Off &lt; DryRun &lt; Enforce); an undefined value counts as Off.</summary>
    public static AutopilotMode StricterOf(this AutopilotMode mode, AutopilotMode other) =>
        (AutopilotMode)Math.Min((int)Defined(mode), (int)Defined(other));

    private static AutopilotMode Defined(AutopilotMode mode) => Enum.IsDefined(mode) ? mode : AutopilotMode.Off;
}
