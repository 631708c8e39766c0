namespace CostOps.Application.Digest;

/// <summary>One workload's week in the digest.</summary>
/// <param name="WorkloadId">The workload's id.</param>
/// <param name="State">Where it stood against break-even at the end of the week.</param>
/// <param name="ThisWeek">Sums of its daily rows this week.</param>
/// <param name="PreviousWeek">Sums of its daily rows the week before.</param>
/// <param name="DaysReported">Days of this week that have a daily row (0..7).</param>
/// <param name="LatestDemandRatio">The demand ratio of its latest day this week.</param>
/// <param name="PreviousDemandRatio">The demand ratio of its latest day the week before.</param>
/// <param name="Trend">How the demand ratio moved between the two.</param>
/// <param name="BreakEvenRequestsPerMonth">Break-even volume of its latest day this week; null when it never breaks even.</param>
/// <param name="EstimatedCostDays">Days whose GPU cost is an estimate rather than the billed amortized cost.</param>
/// <param name="Actions">Autopilot decisions other than "hold", collapsed, latest first.</param>
/// <param name="Warnings">Problems to call out.</param>
/// <param name="WhatWouldChange">One plain sentence on what would change the verdict.</param>
public sealed record WorkloadDigest(
    string WorkloadId,
    WorkloadState State,
    DigestTotals ThisWeek,
    DigestTotals PreviousWeek,
    int DaysReported,
    decimal? LatestDemandRatio,
    decimal? PreviousDemandRatio,
    DemandTrend Trend,
    decimal? BreakEvenRequestsPerMonth,
    int EstimatedCostDays,
    IReadOnlyList<DigestActionItem> Actions,
    IReadOnlyList<DigestWarning> Warnings,
    string WhatWouldChange)
{
    /// <summary>Projected monthly demand (ratio x break-even); null when either is unknown.</summary>
    public decimal? ProjectedRequestsPerMonth => LatestDemandRatio * BreakEvenRequestsPerMonth;

    /// <summary>Actions carried out this week.</summary>
    public IEnumerable<DigestActionItem> ActionsTaken => Actions.Where(a => a.IsTaken);

    /// <summary>Actions decided but not carried out.</summary>
    public IEnumerable<DigestActionItem> ActionsPlanned => Actions.Where(a => a.IsPlanned);
}
