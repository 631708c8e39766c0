using CostOps.Application.Health;
using CostOps.Application.Jobs;
using CostOps.Application.Results;
using CostOps.Application.Tests.Nightly;
using Microsoft.Extensions.Time.Testing;

namespace CostOps.Application.Tests.Health;

public sealed class RunHealthTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private static RunRecord Run(string job, string trigger, DateTimeOffset started, JobStatus status, string id) =>
        new(job, id, trigger, started, started.AddMinutes(5), status, 1, 0, 1, 3, null, null, []);

    private static Task<RunHealthReport> CheckAsync(params RunRecord[] runs)
    {
        var store = new InMemoryRunStore();
        store.Runs.AddRange(runs.OrderBy(r => r.StartedAt));
        return new RunHealth(store, new FakeTimeProvider(s_now)).CheckAsync();
    }

    [Fact]
    public async Task ATimerNightlyThatSucceededLastNight_IsHealthy()
    {
        var report = await CheckAsync(Run("NightlyTco", "timer", s_now.AddHours(-7.5), JobStatus.Succeeded, "n1"));

        Assert.False(report.IsDegraded);
        Assert.Equal("n1", report.LastSucceededNightly!.RunId);
    }

    [Fact]
    public async Task ANewerCliBackfill_NeitherCountsAsTheNightlyNorHidesAStaleOne_ButIsListedByItsTrigger()
    {
        var report = await CheckAsync(
            Run("NightlyTco", "timer", s_now.AddDays(-3), JobStatus.Succeeded, "timer-old"),
            Run("NightlyTco", "cli", s_now.AddHours(-1), JobStatus.Succeeded, "cli-new"));

        Assert.True(report.IsDegraded);
        Assert.Equal("timer-old", report.LastScheduledNightly!.RunId);
        Assert.Contains("no scheduled NightlyTco run has succeeded in the last 26 hours", Assert.Single(report.Problems), StringComparison.Ordinal);
        Assert.Equal(
            [("NightlyTco", "cli", "cli-new"), ("NightlyTco", "timer", "timer-old")],
            report.LatestRuns.Select(r => (r.Job, r.Trigger, r.RunId)));
    }

    [Fact]
    public async Task AFailedOrPartialLastNight_IsDegraded_AndTheLastSuccessIsStillNamed()
    {
        var report = await CheckAsync(
            Run("NightlyTco", "timer", s_now.AddHours(-31.5), JobStatus.Succeeded, "ok"),
            Run("NightlyTco", "timer", s_now.AddHours(-7.5), JobStatus.Partial, "partial"));

        Assert.True(report.IsDegraded);
        Assert.Equal("partial", report.LastScheduledNightly!.RunId);
        Assert.Equal("ok", report.LastSucceededNightly!.RunId);
    }

    [Fact]
    public async Task NoRunsAtAll_IsDegraded_SayingNoneHasSucceededYet()
    {
        var report = await CheckAsync();

        Assert.Contains("has succeeded yet", Assert.Single(report.Problems), StringComparison.Ordinal);
        Assert.Empty(report.LatestRuns);
    }

    [Fact]
    public async Task EveryJobsLatestRunPerTrigger_IsListed_InJobOrder()
    {
        var report = await CheckAsync(
            Run("WeeklyDigest", "timer", s_now.AddDays(-4), JobStatus.Succeeded, "d1"),
            Run("Autopilot", "timer", s_now.AddHours(-6), JobStatus.Succeeded, "a1"),
            Run("TcoRecalculate", "http", s_now.AddHours(-2), JobStatus.Failed, "r1"),
            Run("TcoRecalculate", "http", s_now.AddHours(-1), JobStatus.Succeeded, "r2"),
            Run("NightlyTco", "timer", s_now.AddHours(-7.5), JobStatus.Succeeded, "n1"));

        Assert.Equal(["n1", "r2", "a1", "d1"], report.LatestRuns.Select(r => r.RunId));
    }
}
