using CostOps.Domain.Autopilot;
using static CostOps.Domain.Tests.Autopilot.AutopilotBuilders;

namespace CostOps.Domain.Tests.Autopilot;

/// <summary>Capacity 30,000 requests/month per instance: ratio 1.0 (73,000) needs 3, ratio 1.3 (94,900) needs 4.</summary>
public sealed class ScaleRuleTests
{
    private const decimal Capacity = 30_000m;

    [Fact]
    public void ScaleUp_ActsAtOnce_OnTheFirstNightThatNeedsMore()
    {
        var decision = Decide(Workload(Nights(1.0m, 1.0m, 1.0m, 1.0m, 1.3m), [ScaleSet(capacity: 3)], capacityPerInstance: Capacity));

        var target = decision.Target("vmss-a");
        Assert.Equal(DecisionRule.ScaleUpToDemand, decision.Rule);
        Assert.Equal(DecisionAction.ScaleUp, decision.Action);
        Assert.Equal(4, target.Capacity);
        Assert.StartsWith(
            "projected demand 94,900/month needs 4 instances per scale set at 30,000 requests/month each; set vmss-a to capacity 4 (from 3)",
            decision.Reason,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ScaleDown_Waits_WhileAnyNightOfTheWindowNeededTheCurrentCount()
    {
        var decision = Decide(Workload(Nights(1.3m, 1.0m, 1.0m, 1.0m, 1.0m), [ScaleSet(capacity: 4)], capacityPerInstance: Capacity));

        Assert.Equal(DecisionAction.Hold, decision.Action);
        Assert.Equal(TargetStatus.NoChange, decision.Target("vmss-a").Status);
    }

    [Fact]
    public void ScaleDown_AfterConsecutiveDaysNights_ToTheMostAnyOfThemNeeded()
    {
        // Needs 3, 2, 2, 2, 2: one night still needed 3, so 3 it is.
        var decision = Decide(Workload(Nights(1.0m, 0.8m, 0.8m, 0.8m, 0.8m), [ScaleSet(capacity: 4)], capacityPerInstance: Capacity));

        Assert.Equal(DecisionRule.ScaleDownToDemand, decision.Rule);
        Assert.Equal(DecisionAction.ScaleDown, decision.Action);
        Assert.Equal(3, decision.Target("vmss-a").Capacity);
        Assert.StartsWith("projected demand needed at most 3 instances per scale set on each of the last 5 nights", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ScaleUp_IsClampedToTheMaximum()
    {
        var decision = Decide(Workload(Nights(1.0m, 1.0m, 1.0m, 1.0m, 3.0m), [ScaleSet(capacity: 2)], capacityPerInstance: Capacity));

        Assert.Equal(6, decision.Target("vmss-a").Capacity);
    }

    [Fact]
    public void ScaleDown_StopsAtThePolicyMinimum()
    {
        var decision = Decide(Workload(
            Nights(1.0m, 1.0m, 1.0m, 1.0m, 1.0m),
            [ScaleSet(capacity: 4)],
            Enforce with { MinInstances = 2 },
            capacityPerInstance: 100_000m));

        Assert.Equal(DecisionAction.ScaleDown, decision.Action);
        Assert.Equal(2, decision.Target("vmss-a").Capacity);
    }

    [Fact]
    public void APausedScaleSet_IsNotScaledUp_ItComesBackOnlyThroughResume()
    {
        var decision = Decide(Workload(Nights(1.0m, 1.0m, 1.0m, 1.0m, 1.3m), [ScaleSet(capacity: 0)], capacityPerInstance: Capacity));

        Assert.Equal(DecisionAction.Hold, decision.Action);
        Assert.Equal(DecisionRule.None, decision.Rule);
    }

    [Fact]
    public void SeveralScaleSets_ShareTheNeededCount()
    {
        // 94,900 needs 4 instances: 2 per scale set.
        var decision = Decide(Workload(
            Nights(1.3m, 1.3m, 1.3m, 1.3m, 1.3m),
            [ScaleSet("vmss-a", 1), ScaleSet("vmss-b", 1)],
            capacityPerInstance: Capacity));

        Assert.Equal(DecisionAction.ScaleUp, decision.Action);
        Assert.Equal(2, decision.Target("vmss-a").Capacity);
        Assert.Equal(2, decision.Target("vmss-b").Capacity);
    }

    [Fact]
    public void WithoutCapacityPerInstance_ScaleSetsAreNeverScaled()
    {
        var decision = Decide(Workload(Nights(1.0m, 1.0m, 1.0m, 1.0m, 3.0m), [ScaleSet(capacity: 1)], capacityPerInstance: null));

        Assert.Equal(DecisionAction.Hold, decision.Action);
        Assert.All(decision.Inputs.Window, n => Assert.Null(n.InstancesNeeded));
    }

    [Fact]
    public void VirtualMachines_AreNotTouchedByScaleRules()
    {
        var decision = Decide(Workload(
            Nights(1.0m, 1.0m, 1.0m, 1.0m, 1.3m),
            [Vm(), ScaleSet(capacity: 3)],
            capacityPerInstance: Capacity));

        Assert.Equal(DecisionAction.ScaleUp, decision.Action);
        Assert.Equal(TargetOperation.None, decision.Target("vm-a").Operation);
        Assert.Equal(TargetStatus.NoChange, decision.Target("vm-a").Status);
    }

    [Fact]
    public void ScaleUp_OfAScarceSize_IsAllowed_BecauseItReleasesNothing()
    {
        var decision = Decide(Workload(Nights(1.0m, 1.0m, 1.0m, 1.0m, 1.3m), [ScaleSet(capacity: 3, scarce: true)], capacityPerInstance: Capacity));

        Assert.Equal(DecisionAction.ScaleUp, decision.Action);
    }

    [Fact]
    public void ScaleDown_OfAScarceSize_IsBlocked_UnlessAllowed()
    {
        var window = Nights(1.0m, 0.8m, 0.8m, 0.8m, 0.8m);

        var blocked = Decide(Workload(window, [ScaleSet(capacity: 4, scarce: true)], capacityPerInstance: Capacity));
        var allowed = Decide(Workload(window, [ScaleSet(capacity: 4, scarce: true)], Enforce with { AllowDeallocateScarceSku = true }, capacityPerInstance: Capacity));

        Assert.Equal(DecisionAction.Hold, blocked.Action);
        Assert.Equal([Guardrail.ScarceSku], blocked.BlockedBy);
        Assert.Equal(DecisionAction.ScaleDown, allowed.Action);
    }
}
