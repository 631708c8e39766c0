using CostOps.Application.Digest;
using CostOps.Application.Digest.Inputs;

namespace CostOps.Application.Tests.Digest;

/// <summary>Input rows for the digest tests: a realistic demo week, an empty week, every warning, and 500 workloads.</summary>
internal static class DigestSamples
{
    public static readonly IsoWeek Week = IsoWeek.Parse("2026-W47");

    /// <summary>Monday 08:00 UTC after the week: when the timer builds it.</summary>
    public static readonly DateTimeOffset GeneratedAt = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    public static DateOnly Day(int offsetFromMonday) => Week.Monday.AddDays(offsetFromMonday);

    public static DateTimeOffset At(int offsetFromMonday, int hour = 2) =>
        new(Day(offsetFromMonday).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    /// <summary>A complete, freshly priced, amortized-actual row.</summary>
    public static DigestDailyRow Row(
        string workload,
        int offsetFromMonday,
        long requests,
        decimal selfHostedCost,
        decimal apiEquivalentCost,
        decimal? breakEven,
        decimal? ratio,
        long apiRouted = 0,
        decimal apiActual = 0m,
        double completeness = 1.0,
        bool capacityExceeded = false,
        DailyCostBasis basis = DailyCostBasis.AmortizedActual,
        int priceAgeDays = 1) =>
        new(workload, Day(offsetFromMonday), requests, apiRouted, selfHostedCost, apiEquivalentCost, apiActual,
            apiEquivalentCost - selfHostedCost, breakEven, ratio, completeness, capacityExceeded, basis,
            new DateTimeOffset(Day(offsetFromMonday).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1 - priceAgeDays));

    /// <summary>
    /// Three workloads over two weeks: support-triage well above break-even (rising), contract-summaries just above it
    /// (falling), code-review-bot below it and paused by the autopilot; with decisions and clean runs.
    /// </summary>
    public static DigestRows DemoWeek()
    {
        var days = new List<DigestDailyRow>();
        for (var d = -7; d < 7; d++)
        {
            var thisWeek = d >= 0;
            days.Add(Row("support-triage", d, 4_200 + (d * 35), 95.37m, 161.20m + d, 86_000m, thisWeek ? 1.50m + (d * 0.01m) : 1.38m,
                apiRouted: 120, apiActual: 4.31m));
            days.Add(Row("contract-summaries", d, 7_900 + (d * 11), 240.10m, 251.45m, 240_000m, thisWeek ? 1.04m : 1.09m,
                apiRouted: 40, apiActual: 1.27m));
            days.Add(Row("code-review-bot", d, d < 5 ? 5_100 : 0, d < 5 ? 188.00m : 22.00m, d < 5 ? 117.42m : 0m, 410_000m, 0.62m,
                apiRouted: d < 5 ? 200 : 5_300, apiActual: d < 5 ? 4.60m : 121.90m, basis: d == 3 ? DailyCostBasis.Estimated : DailyCostBasis.AmortizedActual));
        }
        var decisions = new List<DigestDecisionRow>
        {
            new("support-triage", At(3), DecisionAction.ScaleUp, DecisionMode.Enforce, "Projected peak demand needs 3 instances (2 running).", DecisionOutcome.Succeeded),
            new("contract-summaries", At(1), DecisionAction.Hold, DecisionMode.Enforce, "Demand ratio 1.04 inside the 0.15 band.", DecisionOutcome.Planned),
            new("contract-summaries", At(5), DecisionAction.ScaleDown, DecisionMode.DryRun, "One instance would serve the projected demand.", DecisionOutcome.Planned),
            new("contract-summaries", At(6), DecisionAction.ScaleDown, DecisionMode.DryRun, "One instance would serve the projected demand.", DecisionOutcome.Planned),
        };
        for (var d = 0; d < 4; d++)
        {
            decisions.Add(new("code-review-bot", At(d), DecisionAction.Pause, DecisionMode.Enforce, $"Demand ratio 0.62 below 0.85 on {d + 1} of 5 evaluations.", DecisionOutcome.Planned));
        }
        decisions.Add(new("code-review-bot", At(4), DecisionAction.Pause, DecisionMode.Enforce, "Demand ratio below 0.85 on each of the last 5 evaluations (latest 0.62).", DecisionOutcome.Succeeded));
        var runs = Enumerable.Range(0, 7)
            .Select(d => new DigestRunRow("NightlyTco", At(d, 1), RunStatus.Succeeded, null))
            .ToList();
        return new DigestRows(days, decisions, runs);
    }

    /// <summary>Every kind of warning the digest knows, including failed and partial runs.</summary>
    public static DigestRows EveryWarning()
    {
        var days = new List<DigestDailyRow>();
        for (var d = -7; d < 7; d++)
        {
            if (d is 2 or 3)
            {
                continue; // missing days for gpu-batch
            }
            days.Add(Row("gpu-batch", d, 3_000, 150m, 120m, 300_000m, 0.7m,
                completeness: d == 5 ? 0.62 : 1.0, capacityExceeded: d == 6, priceAgeDays: d >= 4 ? 10 : 1));
        }
        for (var d = -7; d < 7; d++)
        {
            days.Add(Row("legacy-chat", d, 900, 210m, 30m, breakEven: null, ratio: null));
        }
        var decisions = new List<DigestDecisionRow>
        {
            new("gpu-batch", At(4), DecisionAction.Resume, DecisionMode.Enforce, "Allocation failed: Standard_NC24ads_A100_v4 capacity unavailable in westeurope.", DecisionOutcome.Failed),
            new("legacy-chat", At(5), DecisionAction.Pause, DecisionMode.Enforce, "Cooldown of 72 h since the last action on the VM.", DecisionOutcome.Blocked),
        };
        var runs = new List<DigestRunRow>
        {
            new("NightlyTco", At(2, 1), RunStatus.Failed, "Azure Monitor metrics:getBatch answered 503 after 4 attempts."),
            new("NightlyTco", At(3, 1), RunStatus.Partial, "2 of 14 workloads failed: Prometheus query timed out."),
            new("Autopilot", At(3, 2), RunStatus.Succeeded, null),
            // Died mid-run (found Running past the function timeout), and one still going: only the first is a warning.
            new("Autopilot", At(4, 2), RunStatus.Abandoned, null),
            new("TcoRecalculate", At(6, 9), RunStatus.Running, null),
        };
        return new DigestRows(days, decisions, runs);
    }

    /// <summary>500 workloads with two weeks of rows; every tenth has decisions, every seventh a warning.</summary>
    public static DigestRows ManyWorkloads(int count = 500)
    {
        var days = new List<DigestDailyRow>(count * 14);
        var decisions = new List<DigestDecisionRow>();
        for (var w = 0; w < count; w++)
        {
            var id = $"tenant-{w % 17:D2}-workload-{w:D3}-{(w % 3 == 0 ? "summarization" : w % 3 == 1 ? "classification" : "extraction")}";
            var ratio = 0.3m + ((w % 40) * 0.05m);
            for (var d = -7; d < 7; d++)
            {
                days.Add(Row(id, d, 1_000 + (w * 13) + d, 50m + (w % 90) + (d * 0.25m), 40m + (w % 110) + (d * 0.5m),
                    w % 11 == 0 ? null : 100_000m + (w * 1_000m), w % 11 == 0 ? null : ratio,
                    apiRouted: w % 5, apiActual: (w % 5) * 0.02m, completeness: w % 7 == 0 && d == 3 ? 0.5 : 1.0));
            }
            if (w % 10 == 0)
            {
                decisions.Add(new(id, At(2), DecisionAction.Pause, DecisionMode.DryRun, "Demand ratio below 0.85 on each of the last 5 evaluations.", DecisionOutcome.Planned));
            }
        }
        return new DigestRows(days, decisions, []);
    }

    public static WeeklyDigest Build(DigestRows rows) => new WeeklyDigestBuilder().Build(Week, rows, GeneratedAt);
}
