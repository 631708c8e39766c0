using CostOps.FunctionsHost;
using CostOps.Functions.Tests.Worker;
using CostOps.TestSupport.Azurite;
using Xunit.Abstractions;

namespace CostOps.Functions.Tests.Timers;

/// <summary>A run that fails must fail its invocation, with the run's reason as the message the host logs and retries on.</summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class FailingJobTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task ANightlyRunWhereEveryWorkloadFailed_FailsTheInvocation_WithTheRunsReason()
    {
        var settings = AppSettings.WithUnreachablePrometheus(azurite);
        await using var app = await WorkerApp.StartAsync(settings);
        try
        {
            var outcome = await app.Emulator.InvokeTimerAsync("NightlyTco", TimerPayload.WithoutScheduleStatus());

            Assert.Equal(InvocationStatus.Failure, outcome.Status);
            Assert.Contains("NightlyTco run", outcome.ExceptionMessage, StringComparison.Ordinal);
            Assert.Contains("failed: unreachable", outcome.ExceptionMessage, StringComparison.Ordinal);
            Assert.Contains("broken-prometheus", outcome.ExceptionMessage, StringComparison.Ordinal);
        }
        finally
        {
            app.FlushLogTo(output);
        }
    }
}
