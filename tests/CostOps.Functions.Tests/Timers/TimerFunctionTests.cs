using CostOps.FunctionsHost;
using CostOps.Functions.Tests.Worker;
using Azure.Data.Tables;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport.Azurite;
using Xunit.Abstractions;

namespace CostOps.Functions.Tests.Timers;

/// <summary>The three timers, invoked through the worker with each TimerInfo the host sends.</summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class TimerFunctionTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private WorkerApp _app = null!;
    private Dictionary<string, string> _settings = null!;

    public async Task InitializeAsync()
    {
        _settings = AppSettings.For(azurite, AppSettings.EmptyCatalog);
        _app = await WorkerApp.StartAsync(_settings);
    }

    public async Task DisposeAsync()
    {
        _app.FlushLogTo(output);
        await _app.DisposeAsync();
    }

    public static TheoryData<string, string> TimersAndPayloads()
    {
        var data = new TheoryData<string, string>();
        foreach (var timer in (string[])["NightlyTco", "Autopilot", "WeeklyDigest"])
        {
            foreach (var payload in (string[])["full", "no schedule status", "past due"])
            {
                data.Add(timer, payload);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(TimersAndPayloads))]
    public async Task EveryTimer_SucceedsForEachPayloadTheHostSends(string timer, string payload)
    {
        var now = DateTimeOffset.UtcNow;
        var info = payload switch
        {
            "full" => TimerPayload.Scheduled(now.AddDays(-1), now.AddDays(1)),
            "no schedule status" => TimerPayload.WithoutScheduleStatus(),
            _ => TimerPayload.PastDue(now.AddDays(-3), now.AddHours(-1)),
        };

        var outcome = await _app.Emulator.InvokeTimerAsync(timer, info);

        Assert.True(outcome.Status == InvocationStatus.Success, $"{timer} ({payload}): {outcome.Status} {outcome.ExceptionMessage}");
        Assert.Contains(outcome.Logs, line => line.Contains($"{timer} run", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APastDueNightlyRun_CatchesUpTheMissedNights()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var lastRun = new DateTimeOffset(today.AddDays(-4).ToDateTime(new TimeOnly(1, 30)), TimeSpan.Zero);

        var outcome = await _app.Emulator.InvokeTimerAsync("NightlyTco", TimerPayload.PastDue(lastRun, lastRun.AddDays(1)));

        // The last run (4 days ago) computed the night before it; this one catches up from that day to yesterday.
        Assert.Equal(InvocationStatus.Success, outcome.Status);
        var range = $"{today.AddDays(-4):yyyy-MM-dd}..{today.AddDays(-1):yyyy-MM-dd}";
        Assert.Contains(outcome.Logs, line => line.Contains(range, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnOnScheduleNightlyRun_ComputesYesterdayOnly_AndIsRecordedAsATimerRun()
    {
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

        var outcome = await _app.Emulator.InvokeTimerAsync("NightlyTco", TimerPayload.Scheduled(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1)));

        Assert.Equal(InvocationStatus.Success, outcome.Status);
        Assert.Contains(outcome.Logs, line => line.Contains($"for {yesterday:yyyy-MM-dd}", StringComparison.Ordinal));
        var tables = new CostOpsTables(new TableServiceClient(azurite.ConnectionString), CostOpsTableNames.WithPrefix(_settings["CostOps__Storage__TablePrefix"]));
        var run = (await new TableRunStore(tables.Runs).ListAsync("NightlyTco", 10))[0];
        Assert.Equal("timer", run.Trigger);
    }
}
