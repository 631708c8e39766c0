using CostOps.Application.Catalog;
using CostOps.Application.Health;
using CostOps.Application.Jobs;
using CostOps.Application.Nightly;
using CostOps.Application.PriceBook;
using CostOps.Application.Results;
using CostOps.Application.Telemetry;
using CostOps.Application.Tests.Nightly;
using CostOps.Domain.Time;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CostOps.Application.Tests.Jobs;

/// <summary>A run's Runs row exists from before its first upstream call, and one that never ends is found Abandoned.</summary>
public sealed class RunsVisibleFromTheStartTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 21, 1, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly s_day = new(2026, 11, 20);

    private static WorkloadCatalog Catalog() => WorkloadCatalogReader.Parse("""
        { "workloads": [ {
          "id": "a", "goLive": "2026-01-01",
          "selfHosted": { "resources": [ "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/gpu/providers/Microsoft.Compute/virtualMachines/vm-1" ], "gpuHourly": 1.0, "tokensPerSecondPerInstance": 2500, "targetUtilization": 0.8 },
          "api": { "model": "gpt-5.4" },
          "telemetry": { "selfHostedUsage": { "source": "prometheus", "labelSelector": "sel-a" } }
        } ] }
        """, PriceBookReader.LoadDefault(), ["prometheus"], "catalog.json");

    private static TcoRecalculation Recalculation(ISelfHostedUsageSource usage, InMemoryRunStore runs, FakeTimeProvider time) => new(
        Catalog(), new TelemetryGatherer(new FakeSources().Add("prometheus", usage)), new InMemoryDailyTcoStore(), runs, new UpstreamCallCounter(),
        time, Options.Create(new NightlyOptions()), NullLogger<TcoRecalculation>.Instance);

    [Fact]
    public async Task ARun_IsOnRecordAsRunning_BeforeItsFirstUpstreamCall_AndFinishedInTheSameRow()
    {
        var runs = new InMemoryRunStore();
        List<RunRecord>? seenAtFirstCall = null;
        var usage = new ObservingUsage(() => seenAtFirstCall ??= [.. runs.Runs]);
        var time = new FakeTimeProvider(s_now);

        var report = await Recalculation(usage, runs, time).RunAsync(new TcoRunRequest(null, DayRange.OneDay(s_day), "timer"));

        var running = Assert.Single(seenAtFirstCall!);
        Assert.Equal((JobStatus.Running, report.Run.RunId, "timer"), (running.Status, running.RunId, running.Trigger));
        Assert.False(running.IsFinished);
        var stored = Assert.Single(runs.Runs);
        Assert.Equal((JobStatus.Succeeded, report.Run.RunId), (stored.Status, stored.RunId));
        Assert.Equal([JobStatus.Running, JobStatus.Succeeded], runs.Writes.Select(w => w.Status));
    }

    [Fact]
    public async Task TheNextRun_FindsARunThatNeverFinished_MarksItAbandoned_AndSaysSo()
    {
        var runs = new InMemoryRunStore();
        var time = new FakeTimeProvider(s_now);
        // The first run died after writing its Running row: nothing else of it was ever stored.
        var dead = RunRecord.Started(NightlyTcoJob.Name, "dead-run", "timer", s_now.AddHours(-24), s_day.AddDays(-1), s_day.AddDays(-1));
        await runs.WriteAsync(dead);
        var usage = new ObservingUsage(() => { });

        var report = await Recalculation(usage, runs, time).RunAsync(new TcoRunRequest(null, DayRange.OneDay(s_day), "timer"));

        var marked = runs.Runs.Single(r => r.RunId == "dead-run");
        Assert.Equal(JobStatus.Abandoned, marked.Status);
        Assert.Contains(marked.Errors, e => e.Contains($"found by run {report.Run.RunId}", StringComparison.Ordinal));
        Assert.Contains(report.Run.Outcomes, o => o.StartsWith("found abandoned run dead-run", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARunningRowYoungerThanTheTimeout_IsLeftRunning_ForItMayStillFinish()
    {
        var runs = new InMemoryRunStore();
        var time = new FakeTimeProvider(s_now);
        await runs.WriteAsync(RunRecord.Started(NightlyTcoJob.Name, "still-going", "timer", s_now.AddMinutes(-10), s_day, s_day));

        await Recalculation(new ObservingUsage(() => { }), runs, time).RunAsync(new TcoRunRequest(null, DayRange.OneDay(s_day), "cli"));

        Assert.Equal(JobStatus.Running, runs.Runs.Single(r => r.RunId == "still-going").Status);
    }

    [Fact]
    public async Task Health_ReportsARunningRowOlderThanTheFunctionTimeout_AsAbandoned()
    {
        var runs = new InMemoryRunStore();
        await runs.WriteAsync(new RunRecord(NightlyTcoJob.Name, "ok", "timer", s_now.AddHours(-24), s_now.AddHours(-24).AddMinutes(2), JobStatus.Succeeded, 1, 0, 1, 0, null, null, []));
        await runs.WriteAsync(RunRecord.Started(NightlyTcoJob.Name, "died", "timer", s_now.AddMinutes(-45), s_day, s_day));
        await runs.WriteAsync(RunRecord.Started("Autopilot", "busy", "timer", s_now.AddMinutes(-5), null, null));
        var options = Options.Create(new RunsOptions { AbandonedAfter = TimeSpan.FromMinutes(30) });

        var report = await new RunHealth(runs, new FakeTimeProvider(s_now), options).CheckAsync();

        Assert.Equal(JobStatus.Abandoned, report.LatestRuns.Single(r => r.RunId == "died").Status);
        Assert.Equal(JobStatus.Running, report.LatestRuns.Single(r => r.RunId == "busy").Status);
        var problem = Assert.Single(report.Problems);
        Assert.Contains("NightlyTco run died (timer, started 2026-11-21 00:45 UTC) was abandoned: it never finished within 30 minutes", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AFannedOutNight_StaysAlive_WhileItsShardsKeepReporting()
    {
        var liveness = new RunLiveness(new FakeTimeProvider(s_now), Options.Create(new RunsOptions()));
        var night = RunRecord.Started(NightlyTcoJob.Name, "night", "timer", s_now.AddHours(-2), s_day, s_day);

        Assert.True(liveness.IsAbandoned(night));
        Assert.False(liveness.IsAbandoned(night with { HeartbeatAt = s_now.AddMinutes(-3) }));
        Assert.False(liveness.IsAbandoned(night with { Status = JobStatus.Partial }));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(2000)]
    public void RunsOptions_OutsideOneMinuteToOneDay_AreRefused_NamingTheKey(double minutes)
    {
        var result = new RunsOptionsValidator().Validate(null, new RunsOptions { AbandonedAfter = TimeSpan.FromMinutes(minutes) });

        Assert.True(result.Failed);
        Assert.StartsWith("CostOps:Runs:AbandonedAfter must be from 00:01:00", result.FailureMessage, StringComparison.Ordinal);
    }

    /// <summary>A usage source that runs a callback on every call, then answers a full day.</summary>
    private sealed class ObservingUsage(Action onCall) : ISelfHostedUsageSource
    {
        private readonly FakeSelfHostedUsage _inner = new((s, d) => FakeSelfHostedUsage.Full(s, d, 2400));

        public Task<TelemetryResult<SelfHostedUsageFact>> GetDailyUsageAsync(SelfHostedQuery query, CancellationToken cancellationToken = default)
        {
            onCall();
            return _inner.GetDailyUsageAsync(query, cancellationToken);
        }
    }
}
