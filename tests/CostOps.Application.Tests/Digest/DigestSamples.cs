using CostOps.Application.Digest;
using CostOps.Application.Jobs;
using CostOps.Application.Results;
using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;
using CostOps.TestSupport.Digest;

namespace CostOps.Application.Tests.Digest;

/// <summary>Stored rows for the digest tests: a realistic demo week, an empty week, every warning, and 500 workloads.</summary>
internal static class DigestSamples
{
    public static readonly IsoWeek Week = IsoWeek.Parse("2026-W47");

    /// <summary>Monday 08:00 UTC after the week: when the timer builds it.</summary>
    public static readonly DateTimeOffset GeneratedAt = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    public static DateOnly Day(int offsetFromMonday) => Week.Monday.AddDays(offsetFromMonday);

    public static DateTimeOffset At(int offsetFromMonday, int hour = 2) =>
        new(Day(offsetFromMonday).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    /// <summary>
    /// A complete, freshly priced, amortized-actual row. No break-even and no ratio: self-hosting never breaks even.
    /// </summary>
    public static DailyTcoRecord Row(
        string workload,
        int offsetFromMonday,
        long requests,
        decimal selfHostedCost,
        decimal apiEquivalentCost,
        decimal? breakEven,
        decimal? ratio,
        long apiRouted = 0,
        decimal apiActual = 0m,
        decimal completeness = 1.0m,
        bool capacityExceeded = false,
        CostBasis basis = CostBasis.AmortizedActual,
        int priceAgeDays = 1)
    {
        var day = Day(offsetFromMonday);
        var tco = new DailyTco(
            day, 24m, new Money(selfHostedCost), basis, Money.Zero, Money.Zero, Money.Zero, new Money(selfHostedCost),
            requests, requests * 1_000m, requests * 200m, apiRouted,
            new Money(apiEquivalentCost), new Money(apiActual), new Money(apiEquivalentCost - selfHostedCost),
            breakEven, breakEven * ratio, ratio, NeverBreaksEven: breakEven is null && ratio is null, capacityExceeded, completeness);
        var computedAt = new DateTimeOffset(day.AddDays(1).ToDateTime(new TimeOnly(1, 30)), TimeSpan.Zero);
        return new DailyTcoRecord(workload, tco, null, PriceSource.PriceBook,
            new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1 - priceAgeDays), "", DailyTcoRecord.CurrentCalcVersion, "run", computedAt);
    }

    /// <summary>A night whose sources answered nothing: completeness 0, every usage and cost figure unknown.</summary>
    public static DailyTcoRecord NoDataRow(string workload, int offsetFromMonday)
    {
        var day = Day(offsetFromMonday);
        var tco = new DailyTco(
            day, null, null, CostBasis.Unknown, Money.Zero, Money.Zero, Money.Zero, null,
            null, null, null, null, null, null, null, null, null, null, false, false, 0m);
        return new DailyTcoRecord(workload, tco, null, PriceSource.Unknown, null, "selfHostedUsage 0/288", DailyTcoRecord.CurrentCalcVersion, "run",
            new DateTimeOffset(day.AddDays(1).ToDateTime(new TimeOnly(1, 30)), TimeSpan.Zero));
    }

    /// <summary>A decision about the night <paramref name="night"/> days after Monday, evaluated the next morning.</summary>
    public static StoredDecision Decision(
        string workload, int night, string action, string mode, string reason, DecisionOutcomeStatus status, string? proposed = null, string blockedBy = "") =>
        StoredDecisions.Of(workload, Day(night), At(night + 1), mode, action, reason, status, proposed, blockedBy);

    public static RunRecord Run(string job, DateTimeOffset startedAt, JobStatus status, params string[] errors) =>
        new(job, $"{startedAt:yyyyMMddHHmm}-{job}", "timer", startedAt, startedAt.AddMinutes(3), status, 1, errors.Length, 1, 0, null, null, errors);

    public static DigestRows Rows(IEnumerable<string> catalog, IReadOnlyList<DailyTcoRecord> days, IReadOnlyList<StoredDecision> decisions, IReadOnlyList<RunRecord> runs) =>
        new(DigestCatalog.Of(catalog).Workloads, days, decisions, runs);

    /// <summary>
    /// Three workloads over two weeks: support-triage well above break-even (rising), contract-summaries just above it
    /// (falling), code-review-bot below it and paused by the autopilot; with decisions and clean runs.
    /// </summary>
    public static DigestRows DemoWeek()
    {
        var days = new List<DailyTcoRecord>();
        for (var d = -7; d < 7; d++)
        {
            var thisWeek = d >= 0;
            days.Add(Row("support-triage", d, 4_200 + (d * 35), 95.37m, 161.20m + d, 86_000m, thisWeek ? 1.50m + (d * 0.01m) : 1.38m,
                apiRouted: 120, apiActual: 4.31m));
            days.Add(Row("contract-summaries", d, 7_900 + (d * 11), 240.10m, 251.45m, 240_000m, thisWeek ? 1.04m : 1.09m,
                apiRouted: 40, apiActual: 1.27m));
            days.Add(Row("code-review-bot", d, d < 5 ? 5_100 : 0, d < 5 ? 188.00m : 22.00m, d < 5 ? 117.42m : 0m, 410_000m, 0.62m,
                apiRouted: d < 5 ? 200 : 5_300, apiActual: d < 5 ? 4.60m : 121.90m, basis: d == 3 ? CostBasis.Estimated : CostBasis.AmortizedActual));
        }
        var decisions = new List<StoredDecision>
        {
            Decision("support-triage", 2, "scale-up", "enforce", "Projected peak demand needs 3 instances (2 running).", DecisionOutcomeStatus.Succeeded),
            Decision("contract-summaries", 0, "hold", "enforce", "Demand ratio 1.04 inside the 0.15 band.", DecisionOutcomeStatus.Hold),
            Decision("contract-summaries", 4, "scale-down", "dry-run", "One instance would serve the projected demand.", DecisionOutcomeStatus.DryRun),
            Decision("contract-summaries", 5, "scale-down", "dry-run", "One instance would serve the projected demand.", DecisionOutcomeStatus.DryRun),
        };
        for (var d = 0; d < 4; d++)
        {
            decisions.Add(Decision("code-review-bot", d, "pause", "enforce", $"Demand ratio 0.62 below 0.85 on {d + 1} of 5 evaluations.", DecisionOutcomeStatus.Pending));
        }
        decisions.Add(Decision("code-review-bot", 4, "pause", "enforce", "Demand ratio below 0.85 on each of the last 5 evaluations (latest 0.62).", DecisionOutcomeStatus.Succeeded));
        var runs = Enumerable.Range(0, 7).Select(d => Run("NightlyTco", At(d, 1), JobStatus.Succeeded)).ToList();
        return Rows(["support-triage", "contract-summaries", "code-review-bot"], days, decisions, runs);
    }

    /// <summary>Every kind of warning the digest knows, including failed and partial runs.</summary>
    public static DigestRows EveryWarning()
    {
        var days = new List<DailyTcoRecord>();
        for (var d = -7; d < 7; d++)
        {
            if (d is 2 or 3)
            {
                continue; // missing days for gpu-batch
            }
            var row = Row("gpu-batch", d, 3_000, 150m, 120m, 300_000m, 0.7m,
                completeness: d == 5 ? 0.62m : 1.0m, capacityExceeded: d == 6, priceAgeDays: d >= 4 ? 10 : 1);
            // Day 1: usage arrived but the GPU cost did not, so the cost and savings are unknown.
            days.Add(d == 1 ? row with { Tco = row.Tco with { GpuCost = null, CostBasis = CostBasis.Unknown, SelfHostedCost = null, Savings = null } } : row);
        }
        for (var d = -7; d < 7; d++)
        {
            days.Add(Row("legacy-chat", d, 900, 210m, 30m, breakEven: null, ratio: null));
        }
        var decisions = new List<StoredDecision>
        {
            Decision("gpu-batch", 3, "resume", "enforce", "Allocation failed: Standard_NC24ads_A100_v4 capacity unavailable in westeurope.", DecisionOutcomeStatus.Failed),
            Decision("legacy-chat", 4, "hold", "enforce", "Cooldown of 72 h since the last action on the VM.", DecisionOutcomeStatus.Hold, proposed: "pause", blockedBy: "cooldown"),
        };
        var runs = new List<RunRecord>
        {
            Run("NightlyTco", At(2, 1), JobStatus.Failed, "Azure Monitor metrics:getBatch answered 503 after 4 attempts."),
            Run("NightlyTco", At(3, 1), JobStatus.Partial, "2 of 14 workloads failed: Prometheus query timed out."),
            Run("Autopilot", At(3, 2), JobStatus.Succeeded),
            // Died mid-run (found Running past the function timeout), and one still going: only the first is a warning.
            Run("Autopilot", At(4, 2), JobStatus.Abandoned),
            Run("TcoRecalculate", At(6, 9), JobStatus.Running),
        };
        return Rows(["gpu-batch", "legacy-chat"], days, decisions, runs);
    }

    /// <summary>500 workloads with two weeks of rows; every tenth has decisions, every seventh a warning.</summary>
    public static DigestRows ManyWorkloads(int count = 500)
    {
        var ids = new List<string>(count);
        var days = new List<DailyTcoRecord>(count * 14);
        var decisions = new List<StoredDecision>();
        for (var w = 0; w < count; w++)
        {
            var id = $"tenant-{w % 17:D2}-workload-{w:D3}-{(w % 3 == 0 ? "summarization" : w % 3 == 1 ? "classification" : "extraction")}";
            ids.Add(id);
            var ratio = 0.3m + ((w % 40) * 0.05m);
            for (var d = -7; d < 7; d++)
            {
                days.Add(Row(id, d, 1_000 + (w * 13) + d, 50m + (w % 90) + (d * 0.25m), 40m + (w % 110) + (d * 0.5m),
                    w % 11 == 0 ? null : 100_000m + (w * 1_000m), w % 11 == 0 ? null : ratio,
                    apiRouted: w % 5, apiActual: (w % 5) * 0.02m, completeness: w % 7 == 0 && d == 3 ? 0.5m : 1.0m));
            }
            if (w % 10 == 0)
            {
                decisions.Add(Decision(id, 1, "pause", "dry-run", "Demand ratio below 0.85 on each of the last 5 evaluations.", DecisionOutcomeStatus.DryRun));
            }
        }
        return Rows(ids, days, decisions, []);
    }

    public static WeeklyDigest Build(DigestRows rows) => new WeeklyDigestBuilder().Build(Week, rows, GeneratedAt);
}
