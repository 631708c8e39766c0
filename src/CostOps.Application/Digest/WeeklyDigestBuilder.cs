using System.Globalization;
using CostOps.Application.Digest.Inputs;

namespace CostOps.Application.Digest;

/// <summary>
/// Builds the <see cref="WeeklyDigest"/> of an ISO week from stored rows. Pure and deterministic: no I/O, no clock
/// (the caller passes the generation time). Every figure is a sum of the rows it summarizes.
/// </summary>
public sealed class WeeklyDigestBuilder
{
    /// <summary>Days with less telemetry than this share are flagged (the autopilot guardrail, docs/economics.md).</summary>
    public const double CompletenessThreshold = 0.9;

    /// <summary>A demand-ratio move smaller than this (in break-evens) is "flat".</summary>
    public const decimal FlatTrendThreshold = 0.02m;

    /// <summary>Prices older than this at the end of the day they priced are stale (the autopilot guardrail).</summary>
    public static readonly TimeSpan StalePriceAge = TimeSpan.FromDays(7);

    /// <summary>Builds the digest of <paramref name="week"/>; rows outside it and the week before are ignored.</summary>
    /// <exception cref="ArgumentException">Two daily rows for the same workload and day.</exception>
    public WeeklyDigest Build(IsoWeek week, DigestRows rows, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var previous = week.Previous();
        var days = rows.Days.Where(d => d.Day >= previous.Monday && d.Day <= week.Sunday).ToList();
        RejectDuplicates(days);
        var decisions = rows.Decisions.Where(d => d.DecidedAt >= week.StartsAt && d.DecidedAt < week.EndsAt).ToList();

        var thisWeekDays = days.Where(d => week.Contains(d.Day)).ToLookup(d => d.WorkloadId, StringComparer.Ordinal);
        var previousWeekDays = days.Where(d => previous.Contains(d.Day)).ToLookup(d => d.WorkloadId, StringComparer.Ordinal);
        var decisionsByWorkload = decisions.ToLookup(d => d.WorkloadId, StringComparer.Ordinal);

        var workloads = days.Select(d => d.WorkloadId)
            .Concat(decisions.Select(d => d.WorkloadId))
            .Distinct(StringComparer.Ordinal)
            .Select(id => BuildWorkload(
                id,
                thisWeekDays[id].OrderBy(d => d.Day).ToList(),
                previousWeekDays[id].OrderBy(d => d.Day).ToList(),
                decisionsByWorkload[id].ToList()))
            .OrderByDescending(w => w.ThisWeek.SelfHostedCost)
            .ThenByDescending(w => w.ThisWeek.ApiEquivalentCost)
            .ThenBy(w => w.WorkloadId, StringComparer.Ordinal)
            .ToList();

        var runWarnings = rows.Runs
            .Where(r => r.StartedAt >= week.StartsAt && r.StartedAt < week.EndsAt && r.Status is not (RunStatus.Succeeded or RunStatus.Running))
            .OrderBy(r => r.StartedAt)
            .Select(RunWarning)
            .ToList();

        return new WeeklyDigest(
            week,
            generatedAt,
            DigestTotals.Sum(workloads.Select(w => w.ThisWeek)),
            DigestTotals.Sum(workloads.Select(w => w.PreviousWeek)),
            workloads,
            runWarnings);
    }

    private static WorkloadDigest BuildWorkload(
        string workloadId,
        IReadOnlyList<DigestDailyRow> thisWeek,
        IReadOnlyList<DigestDailyRow> previousWeek,
        IReadOnlyList<DigestDecisionRow> decisions)
    {
        var latest = thisWeek.Count > 0 ? thisWeek[^1] : null;
        var previousLatest = previousWeek.Count > 0 ? previousWeek[^1] : null;
        var state = latest switch
        {
            null => WorkloadState.NoData,
            { BreakEvenUnknown: true } => WorkloadState.NoData,
            { BreakEvenRequestsPerMonth: null } => WorkloadState.NeverBreaksEven,
            { DemandRatio: null } => WorkloadState.NoData,
            { DemandRatio: >= 1m } => WorkloadState.AboveBreakEven,
            _ => WorkloadState.BelowBreakEven,
        };
        var ratio = latest?.DemandRatio;
        var previousRatio = previousLatest?.DemandRatio;

        return new WorkloadDigest(
            workloadId,
            state,
            DigestTotals.Sum(thisWeek),
            DigestTotals.Sum(previousWeek),
            thisWeek.Count,
            ratio,
            previousRatio,
            TrendOf(ratio, previousRatio),
            latest?.BreakEvenRequestsPerMonth,
            thisWeek.Count(d => d.CostBasis == DailyCostBasis.Estimated),
            CollapseActions(decisions),
            WorkloadWarnings(thisWeek, state, decisions),
            VerdictSentence.For(state, ratio, latest?.BreakEvenRequestsPerMonth));
    }

    private static DemandTrend TrendOf(decimal? ratio, decimal? previousRatio)
    {
        if (ratio is not { } now || previousRatio is not { } before)
        {
            return DemandTrend.Unknown;
        }
        var change = now - before;
        return Math.Abs(change) < FlatTrendThreshold ? DemandTrend.Flat : change > 0 ? DemandTrend.Up : DemandTrend.Down;
    }

    private static List<DigestActionItem> CollapseActions(IReadOnlyList<DigestDecisionRow> decisions) =>
        decisions
            .Where(d => d.Action != DecisionAction.Hold)
            .GroupBy(d => (d.Action, d.Mode, d.Outcome))
            .Select(group =>
            {
                var latest = group.MaxBy(d => d.DecidedAt)!;
                return new DigestActionItem(group.Key.Action, group.Key.Mode, group.Key.Outcome, group.Count(), latest.DecidedAt, latest.Reason);
            })
            .OrderByDescending(a => a.LatestAt)
            .ThenBy(a => a.Action)
            .ToList();

    private static List<DigestWarning> WorkloadWarnings(
        IReadOnlyList<DigestDailyRow> days, WorkloadState state, IReadOnlyList<DigestDecisionRow> decisions)
    {
        var warnings = new List<DigestWarning>();
        var missing = 7 - days.Count;
        if (missing == 7)
        {
            warnings.Add(new(DigestWarningKind.MissingDays, "No data for any day this week (missing data is never read as zero usage)."));
        }
        else if (missing > 0)
        {
            warnings.Add(new(DigestWarningKind.MissingDays, $"No data for {Days(missing)} of 7 (missing data is never read as zero usage)."));
        }

        var incomplete = days.Where(d => d.Completeness < CompletenessThreshold).ToList();
        if (incomplete.Count > 0)
        {
            var lowest = incomplete.Min(d => d.Completeness);
            warnings.Add(new(DigestWarningKind.IncompleteData,
                $"Telemetry was incomplete on {Days(incomplete.Count)} (lowest {Math.Round(lowest * 100, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture)}%); the autopilot does not act on such days."));
        }

        var stale = days.Where(IsPriceStale).ToList();
        if (stale.Count > 0)
        {
            var oldest = stale.Min(d => d.PricesFetchedAt);
            warnings.Add(new(DigestWarningKind.StalePrices,
                $"Prices were more than {StalePriceAge.Days} days old on {Days(stale.Count)} (oldest fetched {oldest.UtcDateTime:yyyy-MM-dd})."));
        }

        var overCapacity = days.Count(d => d.CapacityExceeded);
        if (overCapacity > 0)
        {
            warnings.Add(new(DigestWarningKind.CapacityExceeded,
                $"Demand exceeded the self-hosted capacity on {Days(overCapacity)}; costs are reported at the maximum instance count."));
        }

        if (state == WorkloadState.NeverBreaksEven)
        {
            warnings.Add(new(DigestWarningKind.NeverBreaksEven, "Self-hosting never breaks even at current prices."));
        }

        foreach (var failed in decisions.Where(d => d.Outcome == DecisionOutcome.Failed).OrderBy(d => d.DecidedAt))
        {
            warnings.Add(new(DigestWarningKind.ActionFailed,
                $"{DigestWording.Action(failed.Action)} failed on {failed.DecidedAt.UtcDateTime:yyyy-MM-dd}: {failed.Reason}"));
        }

        return warnings;
    }

    private static bool IsPriceStale(DigestDailyRow day)
    {
        var endOfDay = new DateTimeOffset(day.Day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return endOfDay - day.PricesFetchedAt > StalePriceAge;
    }

    private static DigestWarning RunWarning(DigestRunRow run)
    {
        var (kind, what) = run.Status switch
        {
            RunStatus.Failed => (DigestWarningKind.RunFailed, "failed"),
            RunStatus.Abandoned => (DigestWarningKind.RunAbandoned, "never finished (abandoned)"),
            _ => (DigestWarningKind.RunPartial, "finished for some workloads only"),
        };
        var summary = string.IsNullOrWhiteSpace(run.ErrorSummary) ? "" : $": {run.ErrorSummary.Trim()}";
        return new(kind, $"{run.Job} run of {run.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC {what}{summary}");
    }

    private static string Days(int count) => count == 1 ? "1 day" : $"{count} days";

    private static void RejectDuplicates(IEnumerable<DigestDailyRow> days)
    {
        var duplicate = days.GroupBy(d => (d.WorkloadId, d.Day)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException(
                $"Two daily rows for workload '{duplicate.Key.WorkloadId}' on {duplicate.Key.Day:yyyy-MM-dd}: the source must return one row per workload-day.",
                nameof(days));
        }
    }
}
