using CostOps.Cli.Output;
using CostOps.Domain.Autopilot;
using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;
using CostOps.Domain.WhatIf;

namespace CostOps.Cli.Tests;

public sealed class AutopilotPlanTableTests
{
    private static readonly DateOnly s_day = new(2026, 11, 21);
    private static readonly DateTimeOffset s_now = new(2026, 11, 22, 2, 30, 0, TimeSpan.Zero);

    private static Decision PauseTwoVms(AutopilotMode mode)
    {
        var nights = Enumerable.Range(0, 5).Select(i => new DailyTco(
            s_day.AddDays(-i), 24m, new Money(24m), CostBasis.Estimated, Money.Zero, Money.Zero, Money.Zero, new Money(24m),
            1200m, 1_200_000m, 600_000m, 0m, null, null, null, 73_000m, 36_500m, 0.5m, false, false, 1m)).ToList();
        const string Prefix = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/gpu/providers/Microsoft.Compute/virtualMachines/";
        var tagged = FleetResource.VirtualMachine(Prefix + "vm-a", VmPowerState.Running, new Dictionary<string, string> { ["costops-autopilot"] = "enabled" });
        var untagged = FleetResource.VirtualMachine(Prefix + "vm-b", VmPowerState.Running, new Dictionary<string, string>());
        var input = new WorkloadAutopilotInput("triage", new AutopilotPolicy { Mode = mode }, new InstanceRange(1, 2), nights, [tagged, untagged], s_now.AddDays(-1), null);
        return AutopilotRules.Decide(new AutopilotRun(s_day, s_now, AutopilotMode.Enforce), input);
    }

    [Theory]
    [InlineData(AutopilotMode.Enforce, "pause")]
    [InlineData(AutopilotMode.DryRun, "would pause")]
    [InlineData(AutopilotMode.Off, "hold (pause blocked)")]
    public void TheAction_SaysWhatWillHappenInThisMode(AutopilotMode mode, string expected)
    {
        Assert.Equal(expected, AutopilotPlanTable.ActionText(PauseTwoVms(mode)));
    }

    [Fact]
    public void TheTargets_NameEachResource_WithWhatHoldsItBack()
    {
        Assert.Equal("vm-a: deallocate\nvm-b: deallocate (blocked: opt-in-missing)", AutopilotPlanTable.TargetsText(PauseTwoVms(AutopilotMode.Enforce)));
    }
}
