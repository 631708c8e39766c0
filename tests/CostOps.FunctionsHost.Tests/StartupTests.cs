using Xunit.Abstractions;

namespace CostOps.FunctionsHost.Tests;

public sealed class StartupTests(SampleAppFixture fixture, ITestOutputHelper output) : IClassFixture<SampleAppFixture>, IDisposable
{
    public void Dispose() => fixture.FlushLogTo(output);

    [Fact]
    public void EveryFunctionOfTheApp_IsLoadedWithItsBindings()
    {
        var functions = fixture.Emulator.Functions.ToDictionary(f => f.Name);

        Assert.Equal(["Boom", "Echo", "GetItem", "QueueEcho", "Status", "TimerFails", "TimerOk"], functions.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("httpTrigger", functions["GetItem"].Trigger.Type);
        Assert.Equal("request", functions["GetItem"].Trigger.Name);
        Assert.Contains("\"route\":\"items/{id}\"", functions["GetItem"].Trigger.RawJson.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("timerTrigger", functions["TimerOk"].Trigger.Type);
        Assert.Equal("queueTrigger", functions["QueueEcho"].Trigger.Type);
        Assert.Equal("SampleApp.TimerFunctions.TimerOk", functions["TimerOk"].EntryPoint);
        Assert.All(functions.Values, f => Assert.False(string.IsNullOrEmpty(f.FunctionId)));
        Assert.Contains(functions["Echo"].Bindings, b => b.Name == "$return" && b.Direction == "Out");
    }

    [Fact]
    public void TheWorker_RunsAsItsOwnProcess_AndReportsItsStartTime()
    {
        Assert.False(fixture.Emulator.HasExited);
        Assert.NotEqual(Environment.ProcessId, fixture.Emulator.ProcessId);
        Assert.True(fixture.Emulator.StartedIn > TimeSpan.Zero);
        Assert.Equal("api", fixture.Emulator.RoutePrefix);
    }
}
