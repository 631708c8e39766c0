using CostOps.Application.Verdicts;
using CostOps.Domain.Observed;

namespace CostOps.Application.Digest;

/// <summary>One catalog workload's week in the digest (every catalog workload has one, with or without data).</summary>
/// <param name="WorkloadId">The workload's id.</param>
/// <param name="DisplayName">The catalog's display name (the id when the catalog gives none).</param>
/// <param name="LatestVerdict">The latest verdict over the two weeks, its night, and the newer nights without data.</param>
/// <param name="ThisWeek">Sums of its daily rows this week.</param>
/// <param name="PreviousWeek">Sums of its daily rows the week before.</param>
/// <param name="DaysWithData">Days of this week whose row has data (0..7).</param>
/// <param name="LatestDemandRatio">The demand ratio of its latest day with a verdict this week.</param>
/// <param name="PreviousDemandRatio">The demand ratio of its latest day with a verdict the week before.</param>
/// <param name="Trend">How the demand ratio moved between the two.</param>
/// <param name="BreakEvenRequestsPerMonth">Break-even volume of the verdict's night; null when it never breaks even or is unknown.</param>
/// <param name="EstimatedCostDays">Days whose GPU cost is an estimate rather than the billed amortized cost.</param>
/// <param name="Actions">Stored autopilot decisions other than plain holds, collapsed, latest first.</param>
/// <param name="Warnings">Problems to call out.</param>
/// <param name="WhatWouldChange">One plain sentence on what would change the verdict.</param>
public sealed record WorkloadDigest(
    string WorkloadId,
    string DisplayName,
    WorkloadVerdict LatestVerdict,
    DigestTotals ThisWeek,
    DigestTotals PreviousWeek,
    int DaysWithData,
    decimal? LatestDemandRatio,
    decimal? PreviousDemandRatio,
    DemandTrend Trend,
    decimal? BreakEvenRequestsPerMonth,
    int EstimatedCostDays,
    IReadOnlyList<DigestActionItem> Actions,
    IReadOnlyList<DigestWarning> Warnings,
    string WhatWouldChange)
{
    /// <summary>Where it stood against break-even at its latest night with a verdict.</summary>
    public Verdict State => LatestVerdict.Verdict;

    /// <summary>Projected monthly demand (ratio x break-even); null when either is unknown.</summary>
    public decimal? ProjectedRequestsPerMonth => LatestDemandRatio * BreakEvenRequestsPerMonth;

    /// <summary>Actions carried out this week.</summary>
    public IEnumerable<DigestActionItem> ActionsTaken => Actions.Where(a => a.IsTaken);

    /// <summary>Actions decided but not carried out.</summary>
    public IEnumerable<DigestActionItem> ActionsPlanned => Actions.Where(a => a.IsPlanned);
}
