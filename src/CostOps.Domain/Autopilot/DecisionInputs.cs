namespace CostOps.Domain.Autopilot;

/// <summary>
/// Everything besides the resources (kept in the targets) that a decision was computed from, so
/// a stored decision can be reproduced and explained: thresholds, modes, budget and the window.
/// </summary>
/// <param name="MinInstances">The effective per-scale-set minimum (policy, else the workload's range).</param>
/// <param name="MaxInstances">The effective per-scale-set maximum.</param>
/// <param name="Window">The consecutiveDays nights ending on the evaluated day, oldest first; missing days included as such.</param>
public sealed record DecisionInputs(
    AutopilotPolicy Policy,
    AutopilotMode GlobalMode,
    int MaxActionsPerRun,
    int ActionsAlreadyTaken,
    int MinInstances,
    int MaxInstances,
    decimal? CapacityPerInstance,
    DateTimeOffset? PricesFetchedAt,
    IReadOnlyList<WindowNight> Window);
