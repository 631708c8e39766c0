using CostOps.Domain.Autopilot;
using static CostOps.Domain.Tests.Autopilot.AutopilotBuilders;

namespace CostOps.Domain.Tests.Autopilot;

public sealed class PauseRuleTests
{
    [Fact]
    public void Pause_DeallocatesTheVm_AfterExactlyConsecutiveDaysNightsBelowTheBand()
    {
        var decision = Decide(Workload(Nights(0.80m, 0.80m, 0.80m, 0.80m, 0.80m), Vm()));

        Assert.Equal(DecisionRule.PauseBelowBreakEven, decision.Rule);
        Assert.Equal(DecisionAction.Pause, decision.Action);
        var target = decision.Target("vm-a");
        Assert.Equal(TargetOperation.Deallocate, target.Operation);
        Assert.Equal(TargetStatus.Act, target.Status);
        Assert.Empty(decision.BlockedBy);
        Assert.True(decision.WillAct);
    }

    [Fact]
    public void Pause_DoesNotFire_WithOneNightFewerThanConsecutiveDays()
    {
        var decision = Decide(Workload(Nights(1.00m, 0.80m, 0.80m, 0.80m, 0.80m), Vm()));

        Assert.Equal(DecisionRule.None, decision.Rule);
        Assert.Equal(DecisionAction.Hold, decision.Action);
        Assert.Equal(TargetStatus.NoChange, decision.Target("vm-a").Status);
        Assert.Contains("4 of 5 nights below the band so far", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Pause_FollowsTheConfiguredConsecutiveDays()
    {
        var policy = Enforce with { ConsecutiveDays = 3 };

        var twoNights = Decide(Workload(Nights(1.0m, 0.7m, 0.7m), [Vm()], policy));
        var threeNights = Decide(Workload(Nights(1.0m, 0.7m, 0.7m, 0.7m), [Vm()], policy));

        Assert.Equal(DecisionAction.Hold, twoNights.Action);
        Assert.Equal(DecisionAction.Pause, threeNights.Action);
    }

    [Fact]
    public void Pause_Reason_StatesDemandBreakEvenShareAndNights()
    {
        var ratio = 61_200m / 73_000m;

        var decision = Decide(Workload(Nights(ratio, ratio, ratio, ratio, ratio), Vm()));

        Assert.StartsWith("demand 61,200/month is 16% below break-even 73,000 for 5 nights; deallocate vm-a", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ARatioExactlyOnTheBandEdge_IsInsideTheBand_AndHolds()
    {
        var decision = Decide(Workload(Nights(0.85m, 0.85m, 0.85m, 0.85m, 0.85m), Vm()));

        Assert.Equal(DecisionAction.Hold, decision.Action);
        Assert.All(decision.Inputs.Window, n => Assert.Equal(NightSignal.Within, n.Signal));
        Assert.Contains("inside the ±15% band", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NeverBreakingEven_PausesOnlyAfterConsecutiveDaysNights()
    {
        var fourNights = Nights(1.0m, 1.0m, 1.0m, 1.0m, 1.0m);
        for (var i = 1; i < 5; i++)
        {
            fourNights[i] = NeverNight(fourNights[i].Day);
        }
        var fiveNights = fourNights.Select(n => NeverNight(n.Day)).ToList();

        var notYet = Decide(Workload(fourNights, Vm()));
        var paused = Decide(Workload(fiveNights, Vm()));

        Assert.Equal(DecisionAction.Hold, notYet.Action);
        Assert.Contains("4 of 5 nights below the band so far", notYet.Reason, StringComparison.Ordinal);
        Assert.Equal(DecisionRule.PauseNeverBreaksEven, paused.Rule);
        Assert.Equal(DecisionAction.Pause, paused.Action);
        Assert.StartsWith("self-hosting never breaks even at current prices for 5 nights", paused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NightsThatNeverBreakEven_CountAsBelowTheBand_AlongsideLowRatios()
    {
        var window = Nights(0.5m, 0.5m, 0.5m, 0.5m, 0.5m);
        window[1] = NeverNight(window[1].Day);
        window[3] = NeverNight(window[3].Day);

        var decision = Decide(Workload(window, Vm()));

        Assert.Equal(DecisionRule.PauseBelowBreakEven, decision.Rule);
        Assert.Equal(DecisionAction.Pause, decision.Action);
    }

    [Fact]
    public void Pause_ScalesAScaleSetToZero()
    {
        var decision = Decide(Workload(Nights(0.5m, 0.5m, 0.5m, 0.5m, 0.5m), ScaleSet(capacity: 3)));

        var target = decision.Target("vmss-a");
        Assert.Equal(DecisionAction.Pause, decision.Action);
        Assert.Equal(TargetOperation.SetCapacity, target.Operation);
        Assert.Equal(0, target.Capacity);
        Assert.Contains("set vmss-a to capacity 0 (from 3)", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Pause_DeallocatesAStoppedVm_BecauseStoppedIsStillBilled()
    {
        var decision = Decide(Workload(Nights(0.5m, 0.5m, 0.5m, 0.5m, 0.5m), Vm(state: VmPowerState.Stopped)));

        Assert.Equal(DecisionAction.Pause, decision.Action);
        Assert.Equal(TargetOperation.Deallocate, decision.Target("vm-a").Operation);
    }

    [Fact]
    public void AlreadyDeallocated_IsARecordedNoOpHold()
    {
        var decision = Decide(Workload(Nights(0.5m, 0.5m, 0.5m, 0.5m, 0.5m), Vm(state: VmPowerState.Deallocated)));

        Assert.Equal(DecisionRule.PauseBelowBreakEven, decision.Rule);
        Assert.Equal(DecisionAction.Pause, decision.ProposedAction);
        Assert.Equal(DecisionAction.Hold, decision.Action);
        Assert.True(decision.IsNoOp);
        Assert.False(decision.WillAct);
        Assert.Equal(TargetStatus.AlreadyInState, decision.Target("vm-a").Status);
        Assert.EndsWith("vm-a already deallocated", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Pause_ActsOnlyOnTheVmsStillRunning()
    {
        var decision = Decide(Workload(
            Nights(0.5m, 0.5m, 0.5m, 0.5m, 0.5m),
            Vm("vm-a", VmPowerState.Deallocated),
            Vm("vm-b", VmPowerState.Running)));

        Assert.Equal(DecisionAction.Pause, decision.Action);
        Assert.Equal(TargetStatus.AlreadyInState, decision.Target("vm-a").Status);
        Assert.Equal(TargetStatus.Act, decision.Target("vm-b").Status);
        Assert.False(decision.IsNoOp);
    }

    [Theory]
    [InlineData(VmPowerState.Starting)]
    [InlineData(VmPowerState.Stopping)]
    [InlineData(VmPowerState.Unknown)]
    public void Pause_WaitsForAVmInTransitionOrOfUnknownState(VmPowerState state)
    {
        var decision = Decide(Workload(Nights(0.5m, 0.5m, 0.5m, 0.5m, 0.5m), Vm(state: state)));

        Assert.Equal(DecisionAction.Hold, decision.Action);
        Assert.Equal([Guardrail.StateUnsettled], decision.Target("vm-a").BlockedBy);
        Assert.Contains("held: vm-a is " + state.ToString().ToLowerInvariant(), decision.Reason, StringComparison.Ordinal);
    }
}
