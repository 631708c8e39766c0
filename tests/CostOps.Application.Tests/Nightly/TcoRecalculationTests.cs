using CostOps.Application.Catalog;
using CostOps.Application.Jobs;
using CostOps.Application.Nightly;
using CostOps.Application.PriceBook;
using CostOps.Application.Telemetry;
using CostOps.Domain.Observed;
using CostOps.Domain.Time;
using CostOps.Domain.Validation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using CostOps.Application.Results;
using Microsoft.Extensions.Time.Testing;

namespace CostOps.Application.Tests.Nightly;

public sealed class TcoRecalculationTests
{
    private static readonly DateOnly s_day = new(2026, 11, 20);

    private static string Vm(int n) => $"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/gpu/providers/Microsoft.Compute/virtualMachines/vm-{n}";

    private static WorkloadCatalog Catalog(params (string Id, string Selector, int Vm)[] workloads)
    {
        var items = string.Join(",", workloads.Select(w => $$"""
            {
              "id": "{{w.Id}}", "goLive": "2026-01-01",
              "selfHosted": { "resources": [ "{{Vm(w.Vm)}}" ], "gpuHourly": 1.0, "tokensPerSecondPerInstance": 2500, "targetUtilization": 0.8 },
              "api": { "model": "gpt-5.4" },
              "telemetry": { "selfHostedUsage": { "source": "prometheus", "labelSelector": "{{w.Selector}}" }, "fleet": { "source": "arm" } }
            }
            """));
        return WorkloadCatalogReader.Parse($$"""{ "workloads": [ {{items}} ] }""", PriceBookReader.LoadDefault(), ["prometheus", "arm"], "catalog.json");
    }

    private sealed record Harness(TcoRecalculation Recalculation, InMemoryDailyTcoStore Store, InMemoryRunStore Runs, FakeFleet Fleet);

    private static Harness Build(WorkloadCatalog catalog, ISelfHostedUsageSource usage)
    {
        var fleet = new FakeFleet();
        var sources = new FakeSources().Add("prometheus", usage).Add("arm", fleet);
        var store = new InMemoryDailyTcoStore();
        var runs = new InMemoryRunStore();
        var recalculation = new TcoRecalculation(
            catalog, new TelemetryGatherer(sources), store, runs, new UpstreamCallCounter(),
            new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 1, 30, 0, TimeSpan.Zero)),
            Options.Create(new NightlyOptions()), NullLogger<TcoRecalculation>.Instance);
        return new Harness(recalculation, store, runs, fleet);
    }

    private static TcoRunRequest Request(DayRange days, params string[] ids) => new(ids, days, "test");

    [Fact]
    public async Task StoresOneRowPerWorkloadDay_WithTheObservedFigures()
    {
        var harness = Build(Catalog(("a", "sel-a", 1)), new FakeSelfHostedUsage((s, d) => FakeSelfHostedUsage.Full(s, d, 2400)));

        var report = await harness.Recalculation.RunAsync(Request(new DayRange(s_day.AddDays(-2), s_day)));

        Assert.Equal(JobStatus.Succeeded, report.Run.Status);
        Assert.Equal(3, harness.Store.Rows.Count);
        var row = harness.Store.Rows[("a", s_day)].Tco;
        Assert.Equal(2400m, row.Requests);
        Assert.Equal(24m, row.GpuHours);
        Assert.Equal(CostBasis.Estimated, row.CostBasis);
        Assert.Equal(24m, row.GpuCost!.Value.Usd);
        Assert.Equal(24m, row.ApiEquivalentCost!.Value.Usd);
        Assert.Equal(1m, row.Completeness);
        Assert.Equal(73_000m, row.BreakEvenRequestsPerMonth);
        Assert.Equal(2400m * BillingCalendar.DaysPerMonth / 73_000m, row.DemandRatio!.Value, 10);
        // One VM ran all day, so the fleet's served rate (mean 300, p95 800 tokens/s) is one instance's.
        Assert.Equal((300m, 800m), (row.MeanTokensPerSecondPerInstance, row.PeakTokensPerSecondPerInstance));
        Assert.Equal(report.Run.RunId, harness.Store.Rows[("a", s_day)].RunId);
        Assert.Single(harness.Runs.Runs);
    }

    [Fact]
    public async Task RerunningADay_ReplacesItsRows()
    {
        var harness = Build(Catalog(("a", "sel-a", 1)), new FakeSelfHostedUsage((s, d) => FakeSelfHostedUsage.Full(s, d, 2400)));

        var first = await harness.Recalculation.RunAsync(Request(DayRange.OneDay(s_day)));
        var second = await harness.Recalculation.RunAsync(Request(DayRange.OneDay(s_day)));

        Assert.Single(harness.Store.Rows);
        Assert.Equal(second.Run.RunId, harness.Store.Rows[("a", s_day)].RunId);
        Assert.Equal(first.Rows[0].Tco, second.Rows[0].Tco);
    }

    [Fact]
    public async Task AFailingSourceForOneWorkload_LeavesTheOthersStored_AndItsOldRowsUntouched()
    {
        var failing = new FakeSelfHostedUsage((s, d) => FakeSelfHostedUsage.Full(s, d, 2400));
        var catalog = Catalog(("good", "sel-good", 1), ("bad", "sel-bad", 2));
        var harness = Build(catalog, new SelectorFailingUsage("sel-bad", failing));
        var old = harness.Store.Rows[("bad", s_day)] = new Results.DailyTcoRecord(
            "bad", DailyTcoCalculator.Compute(catalog.Find("bad")!.Economics, [new DailyObservation(s_day, 24m, null, null, 10m, 10m, 10m, null, null, null, null, null, 1m)]),
            null, PriceSource.Catalog, null, "", 1, "earlier-run", DateTimeOffset.UnixEpoch);

        var report = await harness.Recalculation.RunAsync(Request(DayRange.OneDay(s_day)));

        Assert.Equal(JobStatus.Partial, report.Run.Status);
        Assert.Equal(1, report.Run.WorkloadsOk);
        Assert.Equal(1, report.Run.WorkloadsFailed);
        Assert.Contains(report.Run.Errors, e => e.StartsWith("bad: prometheus", StringComparison.Ordinal));
        Assert.True(harness.Store.Rows.ContainsKey(("good", s_day)));
        Assert.Same(old, harness.Store.Rows[("bad", s_day)]);
    }

    [Fact]
    public async Task AFailingResourceSource_FailsItsWorkloads_AndIsRecorded_NotThrown()
    {
        // Fleet hours are read once for every workload; an HTTP source fails asynchronously, and that
        // failure must reach the workloads bound to it like any other source's.
        var harness = Build(Catalog(("a", "sel-a", 1), ("b", "sel-b", 2)), new FakeSelfHostedUsage((s, d) => FakeSelfHostedUsage.Full(s, d, 2400)));
        harness.Fleet.FailWith = "ARM answered 503 three times";

        var report = await harness.Recalculation.RunAsync(Request(DayRange.OneDay(s_day)));

        Assert.Equal(JobStatus.Failed, report.Run.Status);
        Assert.Equal(2, report.Run.WorkloadsFailed);
        Assert.Contains(report.Run.Errors, e => e.StartsWith("a: arm", StringComparison.Ordinal));
        Assert.Contains(report.Run.Errors, e => e.StartsWith("b: arm", StringComparison.Ordinal));
        Assert.Empty(harness.Store.Rows);
        Assert.Single(harness.Runs.Runs);
    }

    [Fact]
    public async Task IncompleteTelemetry_IsStoredWithItsCompleteness_NeverAsZeroUsage()
    {
        var harness = Build(Catalog(("a", "sel-a", 1)), new FakeSelfHostedUsage((s, d) => d == s_day ? null : FakeSelfHostedUsage.Full(s, d, 2400)));

        await harness.Recalculation.RunAsync(Request(DayRange.OneDay(s_day)));

        var row = harness.Store.Rows[("a", s_day)].Tco;
        Assert.Null(row.Requests);
        Assert.Null(row.ApiEquivalentCost);
        Assert.Null(row.Savings);
        Assert.Equal(0m, row.Completeness);
        Assert.Contains("selfHostedUsage 0/288", harness.Store.Rows[("a", s_day)].CompletenessDetail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResourceSources_AreAskedOnceForAllWorkloads()
    {
        var harness = Build(Catalog(("a", "sel-a", 1), ("b", "sel-b", 2), ("c", "sel-c", 3)), new FakeSelfHostedUsage((s, d) => FakeSelfHostedUsage.Full(s, d, 10)));

        await harness.Recalculation.RunAsync(Request(DayRange.OneDay(s_day)));

        var query = Assert.Single(harness.Fleet.Queries);
        Assert.Equal(3, query.Count);
    }

    [Fact]
    public async Task SelectorSources_AreAskedOncePerSource_WithEveryWorkloadsSelector_EachWorkloadGettingItsOwnFacts()
    {
        var usage = new FakeSelfHostedUsage((s, d) => FakeSelfHostedUsage.Full(s, d, s == "sel-b" ? 20 : 10));
        var harness = Build(Catalog(("a", "sel-a", 1), ("b", "sel-b", 2), ("c", "sel-a", 3)), usage);

        var report = await harness.Recalculation.RunAsync(Request(DayRange.OneDay(s_day)));

        Assert.Equal(JobStatus.Succeeded, report.Run.Status);
        Assert.Equal(1, usage.Calls);
        Assert.Equal(10m, harness.Store.Rows[("a", s_day)].Tco.Requests);
        Assert.Equal(20m, harness.Store.Rows[("b", s_day)].Tco.Requests);
        // Two workloads with one selector share its series (and its facts).
        Assert.Equal(10m, harness.Store.Rows[("c", s_day)].Tco.Requests);
    }

    [Fact]
    public async Task UnknownWorkloadId_IsRejected_NamingIt()
    {
        var harness = Build(Catalog(("a", "sel-a", 1)), new FakeSelfHostedUsage((s, d) => null));

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => harness.Recalculation.RunAsync(Request(DayRange.OneDay(s_day), "nope")));

        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Runs.Runs);
    }

    [Theory]
    [InlineData("2026-11-21")]
    [InlineData("2027-01-01")]
    public async Task ADayThatHasNotEnded_IsRefused_NamingTheFieldAndTheLastComputableDay(string last)
    {
        // The clock reads 2026-11-21 01:30 UTC: the 20th is the last whole past day.
        var harness = Build(Catalog(("a", "sel-a", 1)), new FakeSelfHostedUsage((s, d) => FakeSelfHostedUsage.Full(s, d, 2400)));
        var days = new DayRange(s_day, DateOnly.ParseExact(last, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            harness.Recalculation.RunAsync(new TcoRunRequest(["a"], days, "test", FromField: "--from", ToField: "--to")));

        var refusal = Assert.Single(error.Errors);
        Assert.Equal("--to", refusal.Field);
        Assert.Contains($"{last} has not ended yet", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("the last one is 2026-11-20", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Store.Rows);
        Assert.Empty(harness.Runs.Runs);
    }

    [Fact]
    public async Task StoresTheDaysOneGpuRate_WithItsBasis()
    {
        var harness = Build(Catalog(("a", "sel-a", 1)), new FakeSelfHostedUsage((s, d) => FakeSelfHostedUsage.Full(s, d, 2400)));

        await harness.Recalculation.RunAsync(Request(DayRange.OneDay(s_day), "a"));

        var row = harness.Store.Rows[("a", s_day)];
        // No cost source: the catalog's typed gpuHourly prices the hours and the break-even.
        Assert.Equal((1m, GpuRateBasis.Catalog, PriceSource.Catalog), (row.Tco.GpuHourlyRate!.Value.UsdPerHour, row.Tco.GpuRateBasis, row.PriceSource));
        Assert.Equal(2, row.CalcVersion);
    }

    /// <summary>Answers every selector but one, which it reports as failed (one part of a batched query refused).</summary>
    private sealed class SelectorFailingUsage(string failingSelector, ISelfHostedUsageSource inner) : ISelfHostedUsageSource
    {
        public async Task<TelemetryResult<SelfHostedUsageFact>> GetDailyUsageAsync(SelfHostedQuery query, CancellationToken cancellationToken = default)
        {
            var answered = await inner.GetDailyUsageAsync(query with { Selectors = [.. query.Selectors.Where(s => s.LabelSelector != failingSelector)] }, cancellationToken);
            return answered with { Failures = [new TelemetryIssue("prometheus", failingSelector, "prometheus answered 503 Service Unavailable")] };
        }
    }

    [Fact]
    public async Task ANightWhoseSourcesAnsweredNothing_IsStoredAsNoData_AndTheRunIsNotSucceeded()
    {
        // Missing facts everywhere: every source answered, with nothing in it.
        var harness = Build(Catalog(("a", "sel-a", 1), ("b", "sel-b", 2)), new FakeSelfHostedUsage((_, _) => null));
        harness.Fleet.Silent = true;

        var report = await harness.Recalculation.RunAsync(Request(DayRange.OneDay(s_day)));

        Assert.Equal(JobStatus.Partial, report.Run.Status);
        Assert.All(report.Rows, r => Assert.Equal((false, Verdict.NoData), (r.Tco.HasData, r.Tco.Verdict)));
        Assert.All(report.Workloads, w => Assert.True(w.HadNoData));
        Assert.Equal(
            ["a: no data: the telemetry sources answered nothing for 2026-11-20", "b: no data: the telemetry sources answered nothing for 2026-11-20"],
            report.Run.Errors);
    }

    [Fact]
    public void StatusOf_IsSucceededOnlyWhenEveryWorkloadHadData()
    {
        var good = new WorkloadOutcome("a", true, 1, []);
        var empty = new WorkloadOutcome("b", true, 1, []) { DaysWithoutData = [s_day] };
        var failed = new WorkloadOutcome("c", false, 0, ["prometheus: 503"]);

        Assert.Equal(JobStatus.Succeeded, TcoComputation.StatusOf([good]));
        Assert.Equal(JobStatus.Partial, TcoComputation.StatusOf([good, empty]));
        Assert.Equal(JobStatus.Partial, TcoComputation.StatusOf([empty]));
        Assert.Equal(JobStatus.Failed, TcoComputation.StatusOf([failed]));
    }

    [Fact]
    public async Task ANightWhereOnlySomeSourcesAnswered_HasData_AndTheRunSucceeds()
    {
        // The fleet answered (24 h) while the vLLM counters were silent: incomplete, with no demand, but not "no data".
        var harness = Build(Catalog(("a", "sel-a", 1)), new FakeSelfHostedUsage((_, _) => null));

        var report = await harness.Recalculation.RunAsync(Request(DayRange.OneDay(s_day)));

        Assert.Equal(JobStatus.Succeeded, report.Run.Status);
        var row = Assert.Single(report.Rows).Tco;
        Assert.Equal((true, 24m, null, Verdict.NoData), (row.HasData, row.GpuHours, row.Requests, row.Verdict));
    }
}
