using System.Globalization;
using CostOps.Application.Catalog;
using CostOps.Application.Jobs;
using CostOps.Application.Results;
using CostOps.Application.Verdicts;
using CostOps.Domain.Observed;
using CostOps.Domain.Time;

namespace CostOps.Application.Digest;

/// <summary>
/// Builds the <see cref="WeeklyDigest"/> of an ISO week from stored rows. Pure and deterministic: no I/O, no clock
/// (the caller passes the generation time). Every figure is a sum of the rows it summarizes; every catalog workload
/// appears, and a workload or a week without data is a warning, never a zero.
/// </summary>
public sealed class WeeklyDigestBuilder
{
    /// <summary>Days with less telemetry than this share are flagged (the autopilot guardrail, docs/economics.md).</summary>
    public const decimal CompletenessThreshold = 0.9m;

    /// <summary>A demand-ratio move smaller than this (in break-evens) is "flat".</summary>
    public const decimal FlatTrendThreshold = 0.02m;

    /// <summary>Longest run error summary the digest shows (the full list stays in <c>Runs</c>).</summary>
    public const int MaxErrorSummary = 240;

    /// <summary>Prices older than this at the end of the day they priced are stale (the autopilot guardrail).</summary>
    public static readonly TimeSpan StalePriceAge = TimeSpan.FromDays(7);

    /// <summary>Builds the digest of <paramref name="week"/>; rows outside it and the week before are ignored.</summary>
    /// <exception cref="ArgumentException">Two daily rows for the same workload and day.</exception>
    public WeeklyDigest Build(IsoWeek week, DigestRows rows, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var previous = week.Previous();
        // The nights that could have data at generation time: a week in progress has no row for today and later.
        var lastNight = Min(week.Sunday, DayRange.YesterdayAt(generatedAt));
        var twoWeeks = new DayRange(previous.Monday, lastNight < previous.Monday ? previous.Monday : lastNight);
        var days = rows.Days.Where(d => twoWeeks.Contains(d.Tco.Day)).ToList();
        RejectDuplicates(days);

        var byWorkload = days.ToLookup(d => d.WorkloadId, StringComparer.Ordinal);
        var decisions = rows.Decisions.Where(d => week.Contains(d.Night)).ToLookup(d => d.WorkloadId, StringComparer.Ordinal);
        var nightsThisWeek = lastNight < week.Monday ? 0 : lastNight.DayNumber - week.Monday.DayNumber + 1;

        var workloads = rows.Workloads
            .Select(workload => BuildWorkload(workload, week, twoWeeks, nightsThisWeek, byWorkload[workload.Id].ToList(), decisions[workload.Id].ToList()))
            .OrderByDescending(w => w.ThisWeek.SelfHostedCost ?? decimal.MinValue)
            .ThenByDescending(w => w.ThisWeek.ApiEquivalentCost ?? decimal.MinValue)
            .ThenBy(w => w.WorkloadId, StringComparer.Ordinal)
            .ToList();

        var portfolio = new List<DigestWarning>();
        if (nightsThisWeek > 0 && workloads.All(w => w.DaysWithData == 0))
        {
            portfolio.Add(new(DigestWarningKind.NoData, workloads.Count == 0
                ? "The catalog lists no workload, so there is nothing to report."
                : $"No data for any of the {Plural(workloads.Count, "workload")} this week: the figures below are unknown, not zero. Check the NightlyTco runs and the telemetry sources."));
        }
        portfolio.AddRange(rows.Runs
            .Where(r => r.StartedAt >= week.StartsAt && r.StartedAt < week.EndsAt && r.Status is not (JobStatus.Succeeded or JobStatus.Running))
            .OrderBy(r => r.StartedAt)
            .Select(RunWarning));

        return new WeeklyDigest(
            week,
            generatedAt,
            DigestTotals.Sum(workloads.Select(w => w.ThisWeek)),
            DigestTotals.Sum(workloads.Select(w => w.PreviousWeek)),
            workloads,
            portfolio);
    }

    private static WorkloadDigest BuildWorkload(
        WorkloadDefinition workload,
        IsoWeek week,
        DayRange twoWeeks,
        int nightsThisWeek,
        IReadOnlyList<DailyTcoRecord> rows,
        IReadOnlyList<StoredDecision> decisions)
    {
        var thisWeek = rows.Where(r => week.Contains(r.Tco.Day)).OrderBy(r => r.Tco.Day).ToList();
        var previousWeek = rows.Where(r => !week.Contains(r.Tco.Day)).OrderBy(r => r.Tco.Day).ToList();
        var verdict = WorkloadVerdict.Of(workload.Id, rows, twoWeeks);
        var ratio = thisWeek.LastOrDefault(r => r.Tco.Verdict != Verdict.NoData)?.Tco.DemandRatio;
        var previousRatio = previousWeek.LastOrDefault(r => r.Tco.Verdict != Verdict.NoData)?.Tco.DemandRatio;
        var breakEven = verdict.Row?.Tco.BreakEvenRequestsPerMonth;

        return new WorkloadDigest(
            workload.Id,
            string.IsNullOrWhiteSpace(workload.DisplayName) ? workload.Id : workload.DisplayName,
            verdict,
            DigestTotals.Sum(thisWeek),
            DigestTotals.Sum(previousWeek),
            thisWeek.Count(r => r.Tco.HasData),
            ratio,
            previousRatio,
            TrendOf(ratio, previousRatio),
            breakEven,
            thisWeek.Count(r => r.Tco.CostBasis == CostBasis.Estimated),
            CollapseActions(decisions),
            WorkloadWarnings(thisWeek, nightsThisWeek, verdict, decisions),
            VerdictSentence.For(verdict.Verdict, verdict.Row?.Tco.DemandRatio, breakEven));
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

    private static List<DigestActionItem> CollapseActions(IReadOnlyList<StoredDecision> decisions) =>
        decisions
            .Select(d => (Decision: d, Read: DigestActionItem.Classify(d)))
            .Where(d => d.Read is not null)
            .GroupBy(d => (d.Read!.Value.Action, Mode: d.Decision.Decision.ModeValue, d.Read!.Value.Outcome))
            .Select(group =>
            {
                var latest = group.MaxBy(d => d.Decision.Decision.EvaluatedAt).Decision;
                return new DigestActionItem(group.Key.Action, group.Key.Mode, group.Key.Outcome, group.Count(), latest.Night, latest.Decision.Reason);
            })
            .OrderByDescending(a => a.LatestNight)
            .ThenBy(a => a.Action)
            .ToList();

    private static List<DigestWarning> WorkloadWarnings(
        IReadOnlyList<DailyTcoRecord> days, int nightsThisWeek, WorkloadVerdict verdict, IReadOnlyList<StoredDecision> decisions)
    {
        var warnings = new List<DigestWarning>();
        var withData = days.Where(d => d.Tco.HasData).ToList();
        var missing = nightsThisWeek - withData.Count;
        if (nightsThisWeek > 0 && withData.Count == 0)
        {
            warnings.Add(new(DigestWarningKind.NoData, $"No data for any day this week: {NoDataReason(days, nightsThisWeek)} (missing data is never read as zero usage)."));
        }
        else if (missing > 0)
        {
            warnings.Add(new(DigestWarningKind.NoData, $"No data for {Days(missing)} of {nightsThisWeek}: {NoDataReason(days, nightsThisWeek)} (missing data is never read as zero usage)."));
        }
        if (verdict.HasNightsWithoutData && verdict.AsOf is not null)
        {
            warnings.Add(new(DigestWarningKind.NoData, $"The verdict is the latest night with data: {verdict.Describe()}."));
        }

        var unknownCost = withData.Count(d => d.Tco.SelfHostedCost is null || d.Tco.Savings is null);
        if (unknownCost > 0)
        {
            warnings.Add(new(DigestWarningKind.UnknownCost,
                $"The self-hosted cost or savings was unknown on {Days(unknownCost)} with data; the week's sums leave those days out."));
        }

        var incomplete = withData.Where(d => d.Tco.Completeness < CompletenessThreshold).ToList();
        if (incomplete.Count > 0)
        {
            var lowest = incomplete.Min(d => d.Tco.Completeness);
            warnings.Add(new(DigestWarningKind.IncompleteData,
                $"Telemetry was incomplete on {Days(incomplete.Count)} (lowest {Math.Round(lowest * 100, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture)}%); the autopilot does not act on such days."));
        }

        var stale = withData.Where(IsPriceStale).ToList();
        if (stale.Count > 0)
        {
            var oldest = stale.Min(PricesFetchedAt);
            warnings.Add(new(DigestWarningKind.StalePrices,
                $"Prices were more than {StalePriceAge.Days} days old on {Days(stale.Count)} (oldest fetched {oldest.UtcDateTime:yyyy-MM-dd})."));
        }

        var overCapacity = withData.Count(d => d.Tco.CapacityExceeded);
        if (overCapacity > 0)
        {
            warnings.Add(new(DigestWarningKind.CapacityExceeded,
                $"Demand exceeded the self-hosted capacity on {Days(overCapacity)}; costs are reported at the maximum instance count."));
        }

        if (verdict.Verdict == Verdict.NeverBreaksEven)
        {
            warnings.Add(new(DigestWarningKind.NeverBreaksEven, "Self-hosting never breaks even at current prices."));
        }

        foreach (var failed in decisions.Where(d => DigestActionItem.Classify(d)?.Outcome == DigestActionOutcome.Failed).OrderBy(d => d.Decision.EvaluatedAt))
        {
            warnings.Add(new(DigestWarningKind.ActionFailed,
                $"{DigestWording.Action(failed.Decision.ActionValue)} failed for the night of {failed.Night:yyyy-MM-dd}: {failed.Decision.Reason}"));
        }
        return warnings;
    }

    /// <summary>Why days lack data: no stored row (the nightly did not run or failed), or sources that answered nothing.</summary>
    private static string NoDataReason(IReadOnlyList<DailyTcoRecord> days, int nightsThisWeek)
    {
        var silent = days.Count(d => !d.Tco.HasData);
        var absent = nightsThisWeek - days.Count;
        var reasons = new List<string>();
        if (absent > 0)
        {
            reasons.Add($"{Days(absent)} without a stored row (the nightly run did not compute them)");
        }
        if (silent > 0)
        {
            reasons.Add($"{Days(silent)} whose telemetry sources answered nothing");
        }
        return string.Join(" and ", reasons);
    }

    private static DateTimeOffset PricesFetchedAt(DailyTcoRecord row) => row.PricesAsOf ?? row.ComputedAt;

    private static bool IsPriceStale(DailyTcoRecord day) => DayRange.StartOf(day.Tco.Day.AddDays(1)) - PricesFetchedAt(day) > StalePriceAge;

    private static DigestWarning RunWarning(RunRecord run)
    {
        var (kind, what) = run.Status switch
        {
            JobStatus.Failed => (DigestWarningKind.RunFailed, "failed"),
            JobStatus.Abandoned => (DigestWarningKind.RunAbandoned, "never finished (abandoned)"),
            _ => (DigestWarningKind.RunPartial, "finished for some workloads only, or without data for some"),
        };
        var summary = ErrorSummary(run.Errors) is { } text ? $": {text}" : "";
        return new(kind, $"{run.Job} run of {run.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC {what}{summary}");
    }

    /// <summary>The first error (clipped), and how many more.</summary>
    private static string? ErrorSummary(IReadOnlyList<string> errors)
    {
        var lines = errors.Where(e => !string.IsNullOrWhiteSpace(e)).ToList();
        if (lines.Count == 0)
        {
            return null;
        }
        var first = lines[0].Trim();
        if (first.Length > MaxErrorSummary)
        {
            first = first[..(MaxErrorSummary - 1)] + "…";
        }
        return lines.Count == 1 ? first : $"{first} (and {lines.Count - 1} more)";
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static string Days(int count) => count == 1 ? "1 day" : $"{count} days";

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static void RejectDuplicates(IEnumerable<DailyTcoRecord> days)
    {
        var duplicate = days.GroupBy(d => (d.WorkloadId, d.Tco.Day)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException(
                $"Two daily rows for workload '{duplicate.Key.WorkloadId}' on {duplicate.Key.Day:yyyy-MM-dd}: the reader must return one row per workload-day.",
                nameof(days));
        }
    }
}
