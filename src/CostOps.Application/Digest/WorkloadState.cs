namespace CostOps.Application.Digest;

/// <summary>Where a workload stood against break-even at the end of the week.</summary>
public enum WorkloadState
{
    /// <summary>Demand was at or above break-even: self-hosting pays.</summary>
    AboveBreakEven,

    /// <summary>Demand was below break-even: the API would be cheaper.</summary>
    BelowBreakEven,

    /// <summary>No demand makes self-hosting cheaper at current prices (break-even is null).</summary>
    NeverBreaksEven,

    /// <summary>No daily row (or no demand figure) this week.</summary>
    NoData,
}
