using CostOps.Domain.Observed;

namespace CostOps.Application.Digest;

/// <summary>The weekly digest: what the stored rows of one ISO week say, with the week before for trends.</summary>
/// <param name="Week">The week summarized.</param>
/// <param name="GeneratedAt">When the digest was built.</param>
/// <param name="ThisWeek">Portfolio totals: the sums of every workload's daily rows this week.</param>
/// <param name="PreviousWeek">Portfolio totals of the week before.</param>
/// <param name="Workloads">Every catalog workload, biggest self-hosted cost first (workloads without a known cost last).</param>
/// <param name="PortfolioWarnings">Problems not tied to one workload: a week without any data, failed or partial job runs.</param>
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

    /// <summary>How many workloads' latest verdict is <paramref name="verdict"/>.</summary>
    public int CountIn(Verdict verdict) => Workloads.Count(w => w.State == verdict);

    /// <summary>True when no workload had data on any day of the week: nothing in it can be read as zero.</summary>
    public bool HasNoData => Workloads.All(w => w.DaysWithData == 0);

    /// <summary>Decisions carried out this week, over all workloads.</summary>
    public int ActionsTakenCount => Workloads.Sum(w => w.ActionsTaken.Sum(a => a.Count));

    /// <summary>Decisions recorded but not carried out this week, over all workloads.</summary>
    public int ActionsPlannedCount => Workloads.Sum(w => w.ActionsPlanned.Sum(a => a.Count));

    /// <summary>Every warning: the portfolio's and each workload's.</summary>
    public int WarningCount => PortfolioWarnings.Count + Workloads.Sum(w => w.Warnings.Count);
}
