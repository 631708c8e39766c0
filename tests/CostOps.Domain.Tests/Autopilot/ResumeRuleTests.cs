using CostOps.Domain.Autopilot;
using static CostOps.Domain.Tests.Autopilot.AutopilotBuilders;

namespace CostOps.Domain.Tests.Autopilot;

public sealed class ResumeRuleTests
{
    [Fact]
    public void Resume_StartsAPausedVm_AfterConsecutiveDaysNightsAboveTheBand()
    {
        var decision = Decide(Workload(Nights(1.3m, 1.3m, 1.3m, 1.3m, 1.3m), Vm(state: VmPowerState.Deallocated)));

        Assert.Equal(DecisionRule.ResumeAboveBreakEven, decision.Rule);
        Assert.Equal(DecisionAction.Resume, decision.Action);
        Assert.Equal(TargetOperation.Start, decision.Target("vm-a").Operation);
        Assert.StartsWith("demand 94,900/month is 30% above break-even 73,000 for 5 nights; start vm-a", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_DoesNotFire_WithOneNightFewerThanConsecutiveDays()
    {
        var decision = Decide(Workload(Nights(1.0m, 1.3m, 1.3m, 1.3m, 1.3m), Vm(state: VmPowerState.Deallocated)));

        Assert.Equal(DecisionAction.Hold, decision.Action);
        Assert.Contains("4 of 5 nights above the band so far", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void HighDemand_OnARunningFleet_IsAHoldWithNothingToResume()
    {
        var decision = Decide(Workload(Nights(1.3m, 1.3m, 1.3m, 1.3m, 1.3m), Vm()));

        Assert.Equal(DecisionRule.None, decision.Rule);
        Assert.Equal(DecisionAction.Hold, decision.Action);
        Assert.EndsWith("for 5 nights; nothing is paused", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_ScalesAPausedScaleSetBackToTheCountTheDemandNeeds()
    {
        // 94,900 requests/month at 30,000 per instance needs ceil(3.16) = 4 instances.
        var decision = Decide(Workload(
            Nights(1.3m, 1.3m, 1.3m, 1.3m, 1.3m),
            [ScaleSet(capacity: 0)],
            capacityPerInstance: 30_000m));

        var target = decision.Target("vmss-a");
        Assert.Equal(DecisionAction.Resume, decision.Action);
        Assert.Equal(TargetOperation.SetCapacity, target.Operation);
        Assert.Equal(4, target.Capacity);
    }

    [Fact]
    public void Resume_OfAScaleSet_UsesTheMinimum_WhenCapacityPerInstanceIsUnknown()
    {
        var decision = Decide(Workload(
            Nights(1.3m, 1.3m, 1.3m, 1.3m, 1.3m),
            [ScaleSet(capacity: 0)],
            Enforce with { MinInstances = 2 }));

        Assert.Equal(2, decision.Target("vmss-a").Capacity);
    }

    [Fact]
    public void Resume_IsClampedToThePolicyMaximum()
    {
        var decision = Decide(Workload(
            Nights(1.3m, 1.3m, 1.3m, 1.3m, 1.3m),
            [ScaleSet(capacity: 0)],
            Enforce with { MaxInstances = 3 },
            capacityPerInstance: 10_000m));

        Assert.Equal(3, decision.Target("vmss-a").Capacity);
    }

    [Fact]
    public void BreakEvenOfZero_CountsAsAboveTheBand()
    {
        var window = Nights(1m, 1m, 1m, 1m, 1m)
            .Select(n => Row(n.Day, breakEven: 0m, projected: 5_000m, ratio: null, neverBreaksEven: false, completeness: 1m))
            .ToList();

        var decision = Decide(Workload(window, Vm(state: VmPowerState.Deallocated)));

        Assert.Equal(DecisionAction.Resume, decision.Action);
        Assert.Contains("self-hosting is cheaper at any volume", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AlreadyRunning_AfterAResume_IsAHold()
    {
        var decision = Decide(Workload(
            Nights(1.3m, 1.3m, 1.3m, 1.3m, 1.3m),
            Vm("vm-a", VmPowerState.Deallocated),
            Vm("vm-b", VmPowerState.Running)));

        Assert.Equal(DecisionAction.Resume, decision.Action);
        Assert.Equal(TargetStatus.Act, decision.Target("vm-a").Status);
        Assert.Equal(TargetStatus.AlreadyInState, decision.Target("vm-b").Status);
        Assert.Contains("vm-b already running", decision.Reason, StringComparison.Ordinal);
    }
}
