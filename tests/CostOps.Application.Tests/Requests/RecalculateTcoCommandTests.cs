using CostOps.Application.Catalog;
using CostOps.Application.Nightly;
using CostOps.Application.PriceBook;
using CostOps.Application.Requests;
using CostOps.Application.Telemetry;
using CostOps.Application.Tests.Nightly;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CostOps.Application.Tests.Requests;

/// <summary><c>POST /api/tco/recalculate</c>'s command, without HTTP: defaults, checks, limits and the upstream a failure names.</summary>
public sealed class RecalculateTcoCommandTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 21, 1, 30, 0, TimeSpan.Zero);

    private static WorkloadCatalog Catalog(int count) =>
        WorkloadCatalogReader.Parse(
            $$"""{ "workloads": [ {{string.Join(",", Enumerable.Range(1, count).Select(n => $$"""
                { "id": "w{{n}}", "goLive": "2026-01-01",
                  "selfHosted": { "tagSelector": { "app": "w{{n}}" }, "gpuHourly": 1.0, "tokensPerSecondPerInstance": 2500 },
                  "api": { "model": "gpt-5.4" },
                  "telemetry": { "selfHostedUsage": { "source": "prometheus", "labelSelector": "model=\"w{{n}}\"" } } }
                """))}} ] }""",
            PriceBookReader.LoadDefault(), ["prometheus"], "catalog.json");

    private static (RecalculateTcoCommand Command, InMemoryRunStore Runs) Build(int workloads, string? failWith = null)
    {
        var catalog = Catalog(workloads);
        var usage = new FakeSelfHostedUsage((s, d) => FakeSelfHostedUsage.Full(s, d, 100), failWith);
        var runs = new InMemoryRunStore();
        var time = new FakeTimeProvider(s_now);
        var recalculation = new TcoRecalculation(
            catalog, new TelemetryGatherer(new FakeSources().Add("prometheus", usage)), new InMemoryDailyTcoStore(), runs, new UpstreamCallCounter(),
            time, Options.Create(new NightlyOptions()), NullLogger<TcoRecalculation>.Instance);
        return (new RecalculateTcoCommand(catalog, recalculation, time), runs);
    }

    [Fact]
    public async Task AnEmptyRequest_RecomputesEveryWorkload_ForYesterday()
    {
        var (command, runs) = Build(2);

        var outcome = await command.RunAsync(new RecalculateRequest());

        Assert.True(outcome.IsOk);
        Assert.Equal(new DateOnly(2026, 11, 20), outcome.Value!.Run.FirstDay);
        Assert.Equal(new DateOnly(2026, 11, 20), outcome.Value.Run.LastDay);
        Assert.Equal(["w1", "w2"], outcome.Value.Workloads.Select(w => w.WorkloadId));
        Assert.Equal("http", Assert.Single(runs.Runs).Trigger);
    }

    [Fact]
    public async Task UnknownWorkloadsAndUnfinishedDays_AreInvalid_NamingEveryField_AndNothingRuns()
    {
        var (command, runs) = Build(1);

        var outcome = await command.RunAsync(new RecalculateRequest(["w1", "nope"], new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 21)));

        Assert.Equal(RequestOutcomeKind.Invalid, outcome.Kind);
        Assert.Equal(["to", "workloadIds[1]"], outcome.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Empty(runs.Runs);
    }

    [Fact]
    public async Task MoreDaysOrWorkloadsThanOneCallMayCover_AreOverTheLimit_WithTheLimits()
    {
        var (command, runs) = Build(RecalculateTcoCommand.MaxWorkloads + 1);

        var outcome = await command.RunAsync(new RecalculateRequest(null, new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1)));

        Assert.Equal(RequestOutcomeKind.OverLimit, outcome.Kind);
        Assert.Equal(["to", "workloadIds"], outcome.Errors.Select(e => e.Field));
        Assert.Equal(RecalculateTcoCommand.MaxDays, outcome.Limits["maxDays"]);
        Assert.Empty(runs.Runs);
    }

    [Fact]
    public async Task ARunWhereTheSourceFailedEveryWorkload_IsAnUpstreamFailure_NamingTheSource_WithTheRecordedRun()
    {
        var (command, runs) = Build(2, failWith: "answered 503");

        var outcome = await command.RunAsync(new RecalculateRequest());

        Assert.Equal(RequestOutcomeKind.UpstreamFailed, outcome.Kind);
        Assert.Equal(["telemetry:prometheus"], outcome.Upstreams);
        Assert.Equal(Assert.Single(runs.Runs).RunId, outcome.Value!.Run.RunId);
        Assert.All(outcome.Errors, e => Assert.Contains("prometheus: answered 503", e.Message, StringComparison.Ordinal));
    }
}
