namespace CostOps.Application.Digest;

/// <summary>The weekly digest: what the stored rows of one ISO week say, with the week before for trends.</summary>
/// <param name="Week">The week summarized.</param>
/// <param name="GeneratedAt">When the digest was built.</param>
/// <param name="ThisWeek">Portfolio totals: the sums of every workload's daily rows this week.</param>
/// <param name="PreviousWeek">Portfolio totals of the week before.</param>
/// <param name="Workloads">Every workload with rows or decisions in either week, biggest self-hosted cost first.</param>
/// <param name="PortfolioWarnings">Problems not tied to one workload (failed or partial job runs).</param>
public sealed record WeeklyDigest(
    IsoWeek Week,
    DateTimeOffset GeneratedAt,
    DigestTotals ThisWeek,
    DigestTotals PreviousWeek,
    IReadOnlyList<WorkloadDigest> Workloads,
    IReadOnlyList<DigestWarning> PortfolioWarnings)
{
    /// <summary>True when the digest was built before the week ended (a preview of a week in progress).</summary>
    public bool IsWeekInProgress => GeneratedAt < Week.EndsAt;

    /// <summary>How many workloads ended the week in <paramref name="state"/>.</summary>
    public int CountIn(WorkloadState state) => Workloads.Count(w => w.State == state);

    /// <summary>Decisions carried out this week, over all workloads.</summary>
    public int ActionsTakenCount => Workloads.Sum(w => w.ActionsTaken.Sum(a => a.Count));

    /// <summary>Decisions recorded but not carried out this week, over all workloads.</summary>
    public int ActionsPlannedCount => Workloads.Sum(w => w.ActionsPlanned.Sum(a => a.Count));

    /// <summary>Every warning: the portfolio's and each workload's.</summary>
    public int WarningCount => PortfolioWarnings.Count + Workloads.Sum(w => w.Warnings.Count);
}
