using Xunit.Abstractions;

namespace CostOps.FunctionsHost.Tests;

public sealed class TimerInvocationTests(SampleAppFixture fixture, ITestOutputHelper output) : IClassFixture<SampleAppFixture>, IDisposable
{
    private static readonly DateTimeOffset Last = new(2026, 12, 2, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Next = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);

    public void Dispose() => fixture.FlushLogTo(output);

    [Fact]
    public async Task ScheduledRun_Succeeds_AndTheFunctionSeesTheFullScheduleStatus()
    {
        var outcome = await fixture.Emulator.InvokeTimerAsync("TimerOk", TimerPayload.Scheduled(Last, Next));

        Assert.Equal(InvocationStatus.Success, outcome.Status);
        Assert.Null(outcome.ExceptionMessage);
        Assert.Contains(outcome.Logs, l => l.Contains("IsPastDue=False ScheduleStatus=Last=2026-12-02T02:00:00 Next=2026-12-03T02:00:00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunWithoutScheduleMonitor_Succeeds_AndTheFunctionSeesNoScheduleStatus()
    {
        var outcome = await fixture.Emulator.InvokeTimerAsync("TimerOk", TimerPayload.WithoutScheduleStatus());

        Assert.Equal(InvocationStatus.Success, outcome.Status);
        Assert.Contains(outcome.Logs, l => l.Contains("IsPastDue=False ScheduleStatus=null", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PastDueRun_Succeeds_AndTheFunctionSeesIsPastDue()
    {
        var outcome = await fixture.Emulator.InvokeTimerAsync("TimerOk", TimerPayload.PastDue(Last, Next));

        Assert.Equal(InvocationStatus.Success, outcome.Status);
        Assert.Contains(outcome.Logs, l => l.Contains("IsPastDue=True ScheduleStatus=Last=2026-12-02T02:00:00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FunctionThatThrows_IsAFailure_WithTheExceptionMessage()
    {
        var outcome = await fixture.Emulator.InvokeTimerAsync("TimerFails", TimerPayload.PastDue(Last, Next));

        Assert.Equal(InvocationStatus.Failure, outcome.Status);
        Assert.Contains("the nightly run broke on purpose (past due: True)", outcome.ExceptionMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokingAnUnknownFunction_OrOneWithAnotherTrigger_IsAnArgumentError()
    {
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Emulator.InvokeTimerAsync("Nope", TimerPayload.WithoutScheduleStatus()));
        var http = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Emulator.InvokeTimerAsync("GetItem", TimerPayload.WithoutScheduleStatus()));

        Assert.Contains("TimerOk", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("httpTrigger", http.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TimerPayload_IsTheHostsTimerInfoJson()
    {
        Assert.Equal(
            """{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2026-12-02T02:00:00Z","Next":"2026-12-03T02:00:00Z","LastUpdated":"2026-12-02T02:00:00Z"},"IsPastDue":false}""",
            TimerPayload.Scheduled(Last, Next).ToJson());
        Assert.Equal("""{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}""", TimerPayload.WithoutScheduleStatus().ToJson());
        Assert.Contains("\"IsPastDue\":true", TimerPayload.PastDue(Last, Next).ToJson(), StringComparison.Ordinal);
    }
}
