using CostOps.Application.Digest;
using CostOps.Application.Digest.Inputs;
using static CostOps.Application.Tests.Digest.DigestSamples;

namespace CostOps.Application.Tests.Digest;

public sealed class WeeklyDigestBuilderTests
{
    public static TheoryData<string> Samples => ["demo", "every-warning", "many", "empty"];

    private static DigestRows Sample(string name) => name switch
    {
        "demo" => DemoWeek(),
        "every-warning" => EveryWarning(),
        "many" => ManyWorkloads(),
        _ => DigestRows.Empty,
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void PortfolioTotals_EqualTheSumsOfTheWeeksRows(string sample)
    {
        var rows = Sample(sample);

        var digest = Build(rows);

        AssertSums(rows.Days.Where(d => Week.Contains(d.Day)), digest.ThisWeek);
        AssertSums(rows.Days.Where(d => Week.Previous().Contains(d.Day)), digest.PreviousWeek);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void WorkloadTotals_EqualTheSumsOfThatWorkloadsRows(string sample)
    {
        var rows = Sample(sample);

        var digest = Build(rows);

        foreach (var workload in digest.Workloads)
        {
            AssertSums(rows.Days.Where(d => d.WorkloadId == workload.WorkloadId && Week.Contains(d.Day)), workload.ThisWeek);
            AssertSums(rows.Days.Where(d => d.WorkloadId == workload.WorkloadId && Week.Previous().Contains(d.Day)), workload.PreviousWeek);
        }
        Assert.Equal(rows.Days.Select(d => d.WorkloadId).Distinct().Count(), digest.Workloads.Count);
    }

    [Fact]
    public void RowsOutsideTheWeekAndTheWeekBefore_AreIgnored()
    {
        var rows = DemoWeek();
        var outside = new List<DigestDailyRow>(rows.Days)
        {
            Row("support-triage", -8, 1_000_000, 9_999m, 9_999m, 86_000m, 9m),
            Row("support-triage", 7, 1_000_000, 9_999m, 9_999m, 86_000m, 9m),
        };

        var digest = Build(rows with { Days = outside });

        Assert.Equal(Build(rows).ThisWeek, digest.ThisWeek);
        Assert.Equal(Build(rows).PreviousWeek, digest.PreviousWeek);
    }

    [Fact]
    public void DemoWeek_ClassifiesEachWorkloadAndItsTrend()
    {
        var digest = Build(DemoWeek());
        var byId = digest.Workloads.ToDictionary(w => w.WorkloadId);

        Assert.Equal((WorkloadState.AboveBreakEven, DemandTrend.Up, 1.56m), (byId["support-triage"].State, byId["support-triage"].Trend, byId["support-triage"].LatestDemandRatio));
        Assert.Equal((WorkloadState.AboveBreakEven, DemandTrend.Down), (byId["contract-summaries"].State, byId["contract-summaries"].Trend));
        Assert.Equal((WorkloadState.BelowBreakEven, DemandTrend.Flat), (byId["code-review-bot"].State, byId["code-review-bot"].Trend));
        Assert.Equal(1, byId["code-review-bot"].EstimatedCostDays);
        Assert.All(digest.Workloads, w => Assert.Empty(w.Warnings));
        Assert.Empty(digest.PortfolioWarnings);
    }

    [Fact]
    public void DemoWeek_SaysWhatWouldChangeEachVerdict_InOnePlainSentence()
    {
        var byId = Build(DemoWeek()).Workloads.ToDictionary(w => w.WorkloadId);

        Assert.Equal("Demand can fall 36% (to 86,000 requests/month) before self-hosting stops paying.", byId["support-triage"].WhatWouldChange);
        Assert.Equal("Demand can fall 4% (to 240,000 requests/month) before self-hosting stops paying.", byId["contract-summaries"].WhatWouldChange);
        Assert.Equal("Demand must rise 61% (to 410,000 requests/month) for self-hosting to break even.", byId["code-review-bot"].WhatWouldChange);
    }

    [Theory]
    [InlineData(0.8475, "Demand must rise 18% (to 86,000 requests/month) for self-hosting to break even.")]
    [InlineData(1.54, "Demand can fall 35% (to 86,000 requests/month) before self-hosting stops paying.")]
    [InlineData(1.0, "Demand can fall less than 1% (to 86,000 requests/month) before self-hosting stops paying.")]
    [InlineData(0.996, "Demand must rise less than 1% (to 86,000 requests/month) for self-hosting to break even.")]
    [InlineData(0.0, "There was no demand; it must reach 86,000 requests/month for self-hosting to break even.")]
    public void VerdictSentence_GivesTheShareDemandMustMove(double ratio, string expected)
    {
        var rows = new DigestRows([Row("w", 6, 100, 10m, 5m, 86_000m, (decimal)ratio)], [], []);

        Assert.Equal(expected, Build(rows).Workloads.Single().WhatWouldChange);
    }

    [Fact]
    public void AWorkloadWithoutBreakEven_NeverBreaksEven_AndIsWarned()
    {
        var legacy = Build(EveryWarning()).Workloads.Single(w => w.WorkloadId == "legacy-chat");

        Assert.Equal(WorkloadState.NeverBreaksEven, legacy.State);
        Assert.StartsWith("Self-hosting never breaks even at current prices", legacy.WhatWouldChange, StringComparison.Ordinal);
        Assert.Contains(legacy.Warnings, w => w.Kind == DigestWarningKind.NeverBreaksEven);
    }

    [Fact]
    public void AnUnknownBreakEven_MeansNoVerdict_NotNeverBreaksEven()
    {
        var rows = new DigestRows([Row("new-model", 6, 100, 10m, 5m, null, null) with { BreakEvenUnknown = true }], [], []);

        var workload = Build(rows).Workloads.Single();

        Assert.Equal(WorkloadState.NoData, workload.State);
        Assert.DoesNotContain(workload.Warnings, w => w.Kind == DigestWarningKind.NeverBreaksEven);
    }

    [Fact]
    public void AWorkloadWithOnlyLastWeeksRows_HasNoData_AndIsWarnedAboutTheMissingWeek()
    {
        var rows = new DigestRows([Row("gone", -3, 100, 10m, 5m, 86_000m, 0.5m)], [], []);

        var gone = Build(rows).Workloads.Single();

        Assert.Equal(WorkloadState.NoData, gone.State);
        Assert.Equal(DemandTrend.Unknown, gone.Trend);
        Assert.Equal(DigestTotals.Zero, gone.ThisWeek);
        Assert.Equal(DigestWarningKind.MissingDays, Assert.Single(gone.Warnings).Kind);
    }

    [Fact]
    public void EveryWarningWeek_RaisesEveryKindOfWarning()
    {
        var digest = Build(EveryWarning());

        var kinds = digest.Workloads.SelectMany(w => w.Warnings).Concat(digest.PortfolioWarnings).Select(w => w.Kind).ToHashSet();

        Assert.Equal(Enum.GetValues<DigestWarningKind>().ToHashSet(), kinds);
    }

    [Fact]
    public void Warnings_CountTheDaysAndNameTheWorstFigure()
    {
        var batch = Build(EveryWarning()).Workloads.Single(w => w.WorkloadId == "gpu-batch");
        var messages = batch.Warnings.ToDictionary(w => w.Kind, w => w.Message);

        Assert.Equal("No data for 2 days of 7 (missing data is never read as zero usage).", messages[DigestWarningKind.MissingDays]);
        Assert.Equal("Telemetry was incomplete on 1 day (lowest 62%); the autopilot does not act on such days.", messages[DigestWarningKind.IncompleteData]);
        Assert.Equal("Prices were more than 7 days old on 3 days (oldest fetched 2026-11-11).", messages[DigestWarningKind.StalePrices]);
        Assert.Equal("Demand exceeded the self-hosted capacity on 1 day; costs are reported at the maximum instance count.", messages[DigestWarningKind.CapacityExceeded]);
        Assert.Equal("Resume failed on 2026-11-20: Allocation failed: Standard_NC24ads_A100_v4 capacity unavailable in westeurope.", messages[DigestWarningKind.ActionFailed]);
    }

    [Fact]
    public void CompletenessOfExactlyTheThreshold_IsNotIncomplete()
    {
        var rows = new DigestRows([Row("w", 6, 100, 10m, 5m, 86_000m, 0.5m, completeness: 0.9)], [], []);

        Assert.DoesNotContain(Build(rows).Workloads.Single().Warnings, w => w.Kind == DigestWarningKind.IncompleteData);
    }

    [Theory]
    [InlineData(7, false)]
    [InlineData(8, true)]
    public void PricesAreStale_OnlyWhenOlderThanSevenDaysAtTheEndOfTheDay(int ageDays, bool stale)
    {
        var rows = new DigestRows([Row("w", 6, 100, 10m, 5m, 86_000m, 0.5m, priceAgeDays: ageDays)], [], []);

        var warned = Build(rows).Workloads.Single().Warnings.Any(w => w.Kind == DigestWarningKind.StalePrices);

        Assert.Equal(stale, warned);
    }

    [Fact]
    public void FailedPartialAndAbandonedRuns_ArePortfolioWarnings_AndSucceededOrRunningRunsAreNot()
    {
        var warnings = Build(EveryWarning()).PortfolioWarnings;

        Assert.Collection(
            warnings,
            w => Assert.Equal("NightlyTco run of 2026-11-18 01:00 UTC failed: Azure Monitor metrics:getBatch answered 503 after 4 attempts.", w.Message),
            w => Assert.Equal((DigestWarningKind.RunPartial, "NightlyTco run of 2026-11-19 01:00 UTC finished for some workloads only: 2 of 14 workloads failed: Prometheus query timed out."), (w.Kind, w.Message)),
            w => Assert.Equal((DigestWarningKind.RunAbandoned, "Autopilot run of 2026-11-20 02:00 UTC never finished (abandoned)"), (w.Kind, w.Message)));
    }

    [Fact]
    public void RepeatedDecisions_CollapseIntoOneActionWithTheLatestReason_AndHoldsAreLeftOut()
    {
        var byId = Build(DemoWeek()).Workloads.ToDictionary(w => w.WorkloadId);

        var planned = Assert.Single(byId["code-review-bot"].ActionsPlanned);
        Assert.Equal((DecisionAction.Pause, 4, "Demand ratio 0.62 below 0.85 on 4 of 5 evaluations."), (planned.Action, planned.Count, planned.LatestReason));
        var taken = Assert.Single(byId["code-review-bot"].ActionsTaken);
        Assert.Equal((DecisionAction.Pause, DecisionMode.Enforce, At(4)), (taken.Action, taken.Mode, taken.LatestAt));
        Assert.Equal(DecisionAction.ScaleDown, Assert.Single(byId["contract-summaries"].Actions).Action);
        Assert.Equal(2, Build(DemoWeek()).ActionsTakenCount);
        Assert.Equal(6, Build(DemoWeek()).ActionsPlannedCount);
    }

    [Fact]
    public void DecisionsOutsideTheWeek_AreIgnored()
    {
        var rows = DemoWeek();
        var late = rows with { Decisions = [.. rows.Decisions, new("support-triage", At(7), DecisionAction.Pause, DecisionMode.Enforce, "next week", DecisionOutcome.Succeeded)] };

        Assert.Equal(Build(rows).ActionsTakenCount, Build(late).ActionsTakenCount);
    }

    [Fact]
    public void Workloads_AreOrderedByTheirSelfHostedCost_BiggestFirst()
    {
        var ids = Build(DemoWeek()).Workloads.Select(w => w.WorkloadId);

        Assert.Equal(["contract-summaries", "code-review-bot", "support-triage"], ids);
    }

    [Fact]
    public void TwoRowsForTheSameWorkloadDay_AreRejected_RatherThanCountedTwice()
    {
        var row = Row("w", 1, 100, 10m, 5m, 86_000m, 0.5m);

        var error = Assert.Throws<ArgumentException>(() => Build(new DigestRows([row, row], [], [])));

        Assert.Contains("'w' on 2026-11-17", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyWeek_HasZeroTotalsAndNoWorkloads()
    {
        var digest = Build(DigestRows.Empty);

        Assert.Equal(DigestTotals.Zero, digest.ThisWeek);
        Assert.Empty(digest.Workloads);
        Assert.False(digest.IsWeekInProgress);
    }

    [Fact]
    public void DailyRows_RejectCompletenessOutsideZeroToOne_AndNegativeRequests()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Row("w", 0, 1, 1m, 1m, 1m, 1m, completeness: 1.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => Row("w", 0, -1, 1m, 1m, 1m, 1m));
        Assert.Throws<ArgumentException>(() => Row(" ", 0, 1, 1m, 1m, 1m, 1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => Row("w", 0, 1, 1m, 1m, 1m, 1m) with { Completeness = -0.1 });
    }

    private static void AssertSums(IEnumerable<DigestDailyRow> rows, DigestTotals totals)
    {
        var list = rows.ToList();
        Assert.Equal(list.Sum(r => r.SelfHostedRequests), totals.SelfHostedRequests);
        Assert.Equal(list.Sum(r => r.ApiRoutedRequests), totals.ApiRoutedRequests);
        Assert.Equal(list.Sum(r => r.SelfHostedRequests + r.ApiRoutedRequests), totals.Requests);
        Assert.Equal(list.Sum(r => r.SelfHostedCost), totals.SelfHostedCost);
        Assert.Equal(list.Sum(r => r.ApiEquivalentCost), totals.ApiEquivalentCost);
        Assert.Equal(list.Sum(r => r.ApiActualCost), totals.ApiActualCost);
        Assert.Equal(list.Sum(r => r.Savings), totals.Savings);
    }
}
