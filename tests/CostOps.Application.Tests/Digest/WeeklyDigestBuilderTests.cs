using CostOps.Application.Digest;
using CostOps.Application.Results;
using CostOps.Domain.Autopilot;
using CostOps.Domain.Observed;
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
        _ => Rows([], [], [], []),
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void PortfolioTotals_EqualTheSumsOfTheWeeksRows(string sample)
    {
        var rows = Sample(sample);

        var digest = Build(rows);

        AssertSums(rows.Days.Where(d => Week.Contains(d.Tco.Day)), digest.ThisWeek);
        AssertSums(rows.Days.Where(d => Week.Previous().Contains(d.Tco.Day)), digest.PreviousWeek);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void WorkloadTotals_EqualTheSumsOfThatWorkloadsRows(string sample)
    {
        var rows = Sample(sample);

        var digest = Build(rows);

        foreach (var workload in digest.Workloads)
        {
            AssertSums(rows.Days.Where(d => d.WorkloadId == workload.WorkloadId && Week.Contains(d.Tco.Day)), workload.ThisWeek);
            AssertSums(rows.Days.Where(d => d.WorkloadId == workload.WorkloadId && Week.Previous().Contains(d.Tco.Day)), workload.PreviousWeek);
        }
        Assert.Equal(rows.Workloads.Count, digest.Workloads.Count);
    }

    [Fact]
    public void RowsOutsideTheWeekAndTheWeekBefore_AreIgnored()
    {
        var rows = DemoWeek();
        var outside = new List<DailyTcoRecord>(rows.Days)
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

        Assert.Equal((Verdict.AboveBreakEven, DemandTrend.Up, 1.56m), (byId["support-triage"].State, byId["support-triage"].Trend, byId["support-triage"].LatestDemandRatio));
        Assert.Equal((Verdict.AboveBreakEven, DemandTrend.Down), (byId["contract-summaries"].State, byId["contract-summaries"].Trend));
        Assert.Equal((Verdict.BelowBreakEven, DemandTrend.Flat), (byId["code-review-bot"].State, byId["code-review-bot"].Trend));
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
        var rows = Rows(["w"], [Row("w", 6, 100, 10m, 5m, 86_000m, (decimal)ratio)], [], []);

        Assert.Equal(expected, Build(rows).Workloads.Single().WhatWouldChange);
    }

    [Fact]
    public void AWorkloadWithoutBreakEven_NeverBreaksEven_AndIsWarned()
    {
        var legacy = Build(EveryWarning()).Workloads.Single(w => w.WorkloadId == "legacy-chat");

        Assert.Equal(Verdict.NeverBreaksEven, legacy.State);
        Assert.StartsWith("Self-hosting never breaks even at current prices", legacy.WhatWouldChange, StringComparison.Ordinal);
        Assert.Contains(legacy.Warnings, w => w.Kind == DigestWarningKind.NeverBreaksEven);
    }

    [Fact]
    public void ANightWhoseSourcesAnsweredNothing_IsNoData_AndTheVerdictIsTheLatestNightWithData()
    {
        var rows = Rows(["w"], [Row("w", 5, 100, 10m, 5m, 86_000m, 1.2m), NoDataRow("w", 6)], [], []);

        var workload = Build(rows).Workloads.Single();

        Assert.Equal(Verdict.AboveBreakEven, workload.State);
        Assert.Equal(Day(5), workload.LatestVerdict.AsOf);
        Assert.Equal([Day(6)], workload.LatestVerdict.NightsWithoutData);
        Assert.Equal(1, workload.DaysWithData);
        Assert.Contains(workload.Warnings, w => w.Kind == DigestWarningKind.NoData && w.Message.Contains("1 newer night has no data (2026-11-22)", StringComparison.Ordinal));
    }

    [Fact]
    public void AWorkloadWithOnlyLastWeeksRows_KeepsLastWeeksVerdict_WithUnknownTotals_AndIsWarned()
    {
        var rows = Rows(["gone"], [Row("gone", -3, 100, 10m, 5m, 86_000m, 0.5m)], [], []);

        var gone = Build(rows).Workloads.Single();

        Assert.Equal(Verdict.BelowBreakEven, gone.State);
        Assert.Equal(Day(-3), gone.LatestVerdict.AsOf);
        Assert.Equal(DemandTrend.Unknown, gone.Trend);
        Assert.Equal(DigestTotals.Unknown, gone.ThisWeek);
        Assert.Equal(0, gone.DaysWithData);
        Assert.Contains(gone.Warnings, w => w.Kind == DigestWarningKind.NoData && w.Message.StartsWith("No data for any day this week", StringComparison.Ordinal));
    }

    [Fact]
    public void AWeekWithoutAnyData_ListsEveryCatalogWorkload_WithUnknownTotals_AndAPortfolioWarning()
    {
        var digest = Build(Rows(["a", "b"], [], [], []));

        Assert.Equal(["a", "b"], digest.Workloads.Select(w => w.WorkloadId));
        Assert.All(digest.Workloads, w => Assert.Equal(Verdict.NoData, w.State));
        Assert.Equal(DigestTotals.Unknown, digest.ThisWeek);
        Assert.True(digest.HasNoData);
        Assert.Equal(DigestWarningKind.NoData, Assert.Single(digest.PortfolioWarnings).Kind);
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

        Assert.Equal("No data for 2 days of 7: 2 days without a stored row (the nightly run did not compute them) (missing data is never read as zero usage).", messages[DigestWarningKind.NoData]);
        Assert.Equal("Telemetry was incomplete on 1 day (lowest 62%); the autopilot does not act on such days.", messages[DigestWarningKind.IncompleteData]);
        Assert.Equal("Prices were more than 7 days old on 3 days (oldest fetched 2026-11-11).", messages[DigestWarningKind.StalePrices]);
        Assert.Equal("Demand exceeded the self-hosted capacity on 1 day; costs are reported at the maximum instance count.", messages[DigestWarningKind.CapacityExceeded]);
        Assert.Equal("Resume failed for the night of 2026-11-19: Allocation failed: Standard_NC24ads_A100_v4 capacity unavailable in westeurope.", messages[DigestWarningKind.ActionFailed]);
    }

    [Fact]
    public void CompletenessOfExactlyTheThreshold_IsNotIncomplete()
    {
        var rows = Rows(["w"], [Row("w", 6, 100, 10m, 5m, 86_000m, 0.5m, completeness: 0.9m)], [], []);

        Assert.DoesNotContain(Build(rows).Workloads.Single().Warnings, w => w.Kind == DigestWarningKind.IncompleteData);
    }

    [Theory]
    [InlineData(7, false)]
    [InlineData(8, true)]
    public void PricesAreStale_OnlyWhenOlderThanSevenDaysAtTheEndOfTheDay(int ageDays, bool stale)
    {
        var rows = Rows(["w"], [Row("w", 6, 100, 10m, 5m, 86_000m, 0.5m, priceAgeDays: ageDays)], [], []);

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
            w => Assert.Equal((DigestWarningKind.RunPartial, "NightlyTco run of 2026-11-19 01:00 UTC finished for some workloads only, or without data for some: 2 of 14 workloads failed: Prometheus query timed out."), (w.Kind, w.Message)),
            w => Assert.Equal((DigestWarningKind.RunAbandoned, "Autopilot run of 2026-11-20 02:00 UTC never finished (abandoned)"), (w.Kind, w.Message)));
    }

    [Fact]
    public void RepeatedDecisions_CollapseIntoOneActionWithTheLatestReason_AndHoldsAreLeftOut()
    {
        var byId = Build(DemoWeek()).Workloads.ToDictionary(w => w.WorkloadId);

        var planned = Assert.Single(byId["code-review-bot"].ActionsPlanned);
        Assert.Equal((DecisionAction.Pause, 4, "Demand ratio 0.62 below 0.85 on 4 of 5 evaluations."), (planned.Action, planned.Count, planned.LatestReason));
        var taken = Assert.Single(byId["code-review-bot"].ActionsTaken);
        Assert.Equal((DecisionAction.Pause, AutopilotMode.Enforce, Day(4)), (taken.Action, taken.Mode, taken.LatestNight));
        Assert.Equal(DecisionAction.ScaleDown, Assert.Single(byId["contract-summaries"].Actions).Action);
        Assert.Equal(2, Build(DemoWeek()).ActionsTakenCount);
        Assert.Equal(6, Build(DemoWeek()).ActionsPlannedCount);
    }

    [Fact]
    public void DecisionsOutsideTheWeek_AreIgnored()
    {
        var rows = DemoWeek();
        var late = rows with { Decisions = [.. rows.Decisions, Decision("support-triage", 7, "pause", "enforce", "next week", DecisionOutcomeStatus.Succeeded)] };

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

        var error = Assert.Throws<ArgumentException>(() => Build(Rows(["w"], [row, row], [], [])));

        Assert.Contains("'w' on 2026-11-17", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyCatalog_HasUnknownTotalsAndNoWorkloads()
    {
        var digest = Build(Rows([], [], [], []));

        Assert.Equal(DigestTotals.Unknown, digest.ThisWeek);
        Assert.Empty(digest.Workloads);
        Assert.False(digest.IsWeekInProgress);
    }

    private static void AssertSums(IEnumerable<DailyTcoRecord> rows, DigestTotals totals)
    {
        var list = rows.Select(r => r.Tco).ToList();
        Assert.Equal(Sum(list.Select(r => r.Requests)), totals.SelfHostedRequests);
        Assert.Equal(Sum(list.Select(r => r.ApiRequests)), totals.ApiRoutedRequests);
        Assert.Equal(list.Count == 0 ? null : list.Sum(r => r.SelfHostedCost?.Usd), totals.SelfHostedCost);
        Assert.Equal(list.Count == 0 ? null : list.Sum(r => r.ApiEquivalentCost?.Usd), totals.ApiEquivalentCost);
        Assert.Equal(list.Count == 0 ? null : list.Sum(r => r.ApiActualCost?.Usd), totals.ApiActualCost);
        Assert.Equal(list.Count == 0 ? null : list.Sum(r => r.Savings?.Usd), totals.Savings);
    }

    private static long? Sum(IEnumerable<decimal?> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : (long)list.Sum(v => v ?? 0m);
    }
}
