namespace CostOps.Application.Nightly;

/// <summary>Settings of the TCO runs (section <c>CostOps:Nightly</c>).</summary>
public sealed class NightlyOptions
{
    public const string Section = "CostOps:Nightly";

    /// <summary>Workloads gathered and computed at once.</summary>
    public int MaxParallelism { get; set; } = 8;

    /// <summary>Days of history behind the projected monthly demand (docs/economics.md; default 7).</summary>
    public int TrailingDays { get; set; } = 7;

    /// <summary>How many missed nights a past-due timer run catches up.</summary>
    public int MaxCatchUpDays { get; set; } = 7;
}
