using Azure.Data.Tables;
using CostOps.Application.Jobs;
using CostOps.FunctionsHost;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport.Azurite;
using CostOps.TestSupport.Digest;
using Xunit.Abstractions;

namespace CostOps.Functions.Tests.Digest;

/// <summary>The WeeklyDigest timer through the worker, as the Functions host invokes it on Monday morning.</summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class WeeklyDigestTimerTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private DigestWorker _worker = null!;

    public async Task InitializeAsync() => _worker = await DigestWorker.StartAsync(azurite);

    public async Task DisposeAsync()
    {
        _worker.App.FlushLogTo(output);
        await _worker.DisposeAsync();
    }

    [Fact]
    public async Task TheTimer_Succeeds_AndPostsTheLastCompletedWeek()
    {
        var outcome = await InvokeAsync();

        Assert.True(outcome.Status == InvocationStatus.Success, outcome.ExceptionMessage);
        Assert.Contains(outcome.Logs, line => line.Contains("Succeeded for 2026-W47; 3 workloads", StringComparison.Ordinal));
        Assert.Contains(outcome.Logs, line => line.EndsWith("file: posted", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(_worker.OutputDirectory, "digest-2026-W47.card.json")));
    }

    [Fact]
    public async Task TheRun_IsRecordedInRuns_WithTheWeekAndEachTransportsOutcome()
    {
        var outcome = await InvokeAsync();

        Assert.Equal(InvocationStatus.Success, outcome.Status);
        var run = Assert.Single(await new TableRunStore(_worker.Tables.Runs).ListAsync("WeeklyDigest", 10));
        Assert.Equal((JobStatus.Succeeded, "timer", new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 22)), (run.Status, run.Trigger, run.FirstDay, run.LastDay));
        Assert.Equal(["file: posted"], run.Outcomes);
        Assert.Equal(3, run.WorkloadsOk);
        var posted = (await _worker.Tables.DigestPosts.GetEntityAsync<TableEntity>("2026-W47", "file")).Value;
        Assert.Equal("posted", posted.GetString("Status"));
    }

    [Fact]
    public async Task ARetriedInvocation_DoesNotPostTheWeekAgain()
    {
        Assert.Equal(InvocationStatus.Success, (await InvokeAsync()).Status);
        File.Delete(Path.Combine(_worker.OutputDirectory, "digest-2026-W47.card.json"));

        var retry = await InvokeAsync();

        Assert.Equal(InvocationStatus.Success, retry.Status);
        Assert.Contains(retry.Logs, line => line.EndsWith("file: already posted (not sent again)", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(_worker.OutputDirectory, "digest-2026-W47.card.json")));
        Assert.Equal(2, (await new TableRunStore(_worker.Tables.Runs).ListAsync("WeeklyDigest", 10)).Count);
    }

    private Task<InvocationOutcome> InvokeAsync() =>
        _worker.App.Emulator.InvokeTimerAsync("WeeklyDigest", TimerPayload.Scheduled(StoredDigestWeek.DigestTime.AddDays(-7), StoredDigestWeek.DigestTime.AddDays(7)));
}
