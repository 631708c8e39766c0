namespace CostOps.Domain.Observed;

/// <summary>
/// Where a workload-day stands against break-even: the one definition every surface (nightly run, API, autopilot
/// plan, digest, CLI) reads from <see cref="DailyTco.Verdict"/>. A night without data has no verdict, and an older
/// night's verdict is never read as that night's.
/// </summary>
public enum Verdict
{
    /// <summary>
    /// No verdict: the night's telemetry sources answered nothing (completeness 0), or the figures do not give a
    /// demand ratio (too little history for a profile).
    /// </summary>
    NoData = 0,

    /// <summary>Projected demand is at or above break-even (or self-hosting is cheaper at any volume): self-hosting pays.</summary>
    AboveBreakEven = 1,

    /// <summary>Projected demand is below break-even: the API would be cheaper.</summary>
    BelowBreakEven = 2,

    /// <summary>No volume makes self-hosting cheaper at the day's prices.</summary>
    NeverBreaksEven = 3,
}
