using CostOps.FunctionsHost;
using CostOps.Functions.Tests.Worker;
using CostOps.TestSupport;
using CostOps.TestSupport.Azurite;
using Xunit.Abstractions;

namespace CostOps.Functions.Tests.Timers;

/// <summary>A run that fails must fail its invocation, with the run's reason as the message the host logs and retries on.</summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class FailingJobTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    /// <summary>One workload whose only usage source is a Prometheus that refuses connections (nothing listens on its port).</summary>
    private const string Catalog = """
        { "workloads": [ {
            "id": "unreachable", "goLive": "2026-01-01",
            "selfHosted": { "tagSelector": { "costops-workload": "unreachable" }, "gpuHourly": 2, "tokensPerSecondPerInstance": 1000 },
            "api": { "inputPerMTok": 1, "outputPerMTok": 2 },
            "telemetry": { "selfHostedUsage": { "source": "broken-prometheus", "labelSelector": "model_name=\"x\"" } }
        } ] }
        """;

    [Fact]
    public async Task ANightlyRunWhereEveryWorkloadFailed_FailsTheInvocation_WithTheRunsReason()
    {
        var settings = AppSettings.For(azurite, Catalog);
        settings["CostOps__Sources__0__Name"] = "broken-prometheus";
        settings["CostOps__Sources__0__Type"] = "prometheus";
        settings["CostOps__Sources__0__Endpoint"] = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        settings["CostOps__Telemetry__Retry__MaxRetries"] = "0";
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
