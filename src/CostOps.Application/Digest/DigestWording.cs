using CostOps.Application.Digest.Inputs;

namespace CostOps.Application.Digest;

/// <summary>The words the digest uses for its enums, shared by the builder and every renderer.</summary>
internal static class DigestWording
{
    public static string Action(DecisionAction action) => action switch
    {
        DecisionAction.Pause => "Pause",
        DecisionAction.Resume => "Resume",
        DecisionAction.ScaleUp => "Scale up",
        DecisionAction.ScaleDown => "Scale down",
        _ => "Hold",
    };

    public static string Mode(DecisionMode mode) => mode switch
    {
        DecisionMode.Off => "off",
        DecisionMode.DryRun => "dry-run",
        _ => "enforce",
    };

    public static string Outcome(DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Planned => "planned",
        DecisionOutcome.Succeeded => "done",
        DecisionOutcome.Failed => "failed",
        _ => "blocked",
    };

    public static string State(WorkloadState state) => state switch
    {
        WorkloadState.AboveBreakEven => "above break-even",
        WorkloadState.BelowBreakEven => "below break-even",
        WorkloadState.NeverBreaksEven => "never breaks even",
        _ => "no data",
    };

    public static string Trend(DemandTrend trend) => trend switch
    {
        DemandTrend.Up => "up",
        DemandTrend.Down => "down",
        DemandTrend.Flat => "flat",
        _ => "no trend",
    };
}
