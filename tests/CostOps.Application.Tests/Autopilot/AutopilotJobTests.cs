using CostOps.Application.Autopilot;
using CostOps.Application.Jobs;
using CostOps.Domain.Autopilot;

namespace CostOps.Application.Tests.Autopilot;

public sealed class AutopilotJobTests
{
    private static JobContext Timer() => new(AutopilotHarness.Now, false, null, "inv-1", 0, "timer");

    [Fact]
    public async Task TheTimer_RunsTheAutopilotWithTheConfiguredModes_AndLogsEachWorkload()
    {
        var h = new AutopilotHarness();
        h.AddWorkload("alpha", "enforce", [h.Fleet.AddVm("vm-a", VmPowerState.Running)]);
        h.AddNights("alpha", 0.5m);
        var job = new AutopilotJob(h.Runner());

        var result = await job.RunAsync(Timer());

        Assert.Equal("Autopilot", job.FunctionName);
        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal("timer", Assert.Single(h.Runs.Runs).Trigger);
        Assert.Single(h.Fleet.Applied);
        Assert.Contains("alpha: pause (enforce), succeeded", result.Logs);
        Assert.Null(result.Error);
    }

    [Fact]
    public async Task ASkippedRun_SucceedsWithoutRetry_AndSaysWhy()
    {
        var h = new AutopilotHarness();
        h.Leases.HeldByAnotherRun = true;

        var result = await new AutopilotJob(h.Runner()).RunAsync(Timer());

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Contains("skipped: another run holds the lease", Assert.Single(result.Logs), StringComparison.Ordinal);
    }
}
