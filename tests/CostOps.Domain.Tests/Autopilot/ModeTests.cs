using CostOps.Domain.Autopilot;
using static CostOps.Domain.Tests.Autopilot.AutopilotBuilders;

namespace CostOps.Domain.Tests.Autopilot;

public sealed class ModeTests
{
    [Theory]
    [InlineData(AutopilotMode.Enforce, AutopilotMode.Enforce, AutopilotMode.Enforce)]
    [InlineData(AutopilotMode.Enforce, AutopilotMode.DryRun, AutopilotMode.DryRun)]
    [InlineData(AutopilotMode.DryRun, AutopilotMode.Enforce, AutopilotMode.DryRun)]
    [InlineData(AutopilotMode.Off, AutopilotMode.Enforce, AutopilotMode.Off)]
    [InlineData(AutopilotMode.Enforce, AutopilotMode.Off, AutopilotMode.Off)]
    [InlineData(AutopilotMode.DryRun, AutopilotMode.Off, AutopilotMode.Off)]
    public void TheStricterOfGlobalAndWorkloadModeWins(AutopilotMode global, AutopilotMode workload, AutopilotMode expected)
    {
        var decision = Decide(Workload(Low(), [Vm()], new AutopilotPolicy { Mode = workload }), Run(global));

        Assert.Equal(expected, decision.Mode);
    }

    [Fact]
    public void ThePolicyDefaultsAreTheDocumentedOnes()
    {
        var policy = new AutopilotPolicy();

        Assert.Equal(AutopilotMode.DryRun, policy.Mode);
        Assert.Equal(0.15m, policy.Band);
        Assert.Equal(5, policy.ConsecutiveDays);
        Assert.Equal(TimeSpan.FromHours(72), policy.Cooldown);
        Assert.Equal(0.9m, policy.MinCompleteness);
        Assert.Equal(TimeSpan.FromDays(7), policy.MaxPriceAge);
        Assert.False(policy.AllowDeallocateScarceSku);
        Assert.Equal(3, new AutopilotRun(Day, Now).MaxActionsPerRun);
        Assert.Equal(AutopilotMode.DryRun, new AutopilotRun(Day, Now).GlobalMode);
    }

    [Fact]
    public void DryRun_PlansTheAction_ButWillNotAct()
    {
        var decision = Decide(Workload(Low(), Vm()), Run(AutopilotMode.DryRun));

        Assert.Equal(DecisionAction.Pause, decision.Action);
        Assert.Equal(TargetStatus.Act, decision.Target("vm-a").Status);
        Assert.False(decision.WillAct);
        Assert.Contains("dry run: would deallocate vm-a", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Off_HoldsWithTheRuleStillRecorded()
    {
        var decision = Decide(Workload(Low(), [Vm()], new AutopilotPolicy { Mode = AutopilotMode.Off }));

        Assert.Equal(DecisionRule.PauseBelowBreakEven, decision.Rule);
        Assert.Equal(DecisionAction.Hold, decision.Action);
        Assert.Equal([Guardrail.ModeOff], decision.BlockedBy);
        Assert.Contains("held: autopilot is off for this workload", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Off_DoesNotSpendTheRunBudget()
    {
        var off = Workload(Low(), [Vm("vm-a")], new AutopilotPolicy { Mode = AutopilotMode.Off }, id: "a");
        var on = Workload(Low(), [Vm("vm-b")], id: "b");

        var decisions = AutopilotRules.Decide(Run(maxActions: 1), [off, on]);

        Assert.Equal(DecisionAction.Pause, decisions[1].Action);
    }

    [Fact]
    public void UndefinedModes_CountAsOff()
    {
        Assert.Equal(AutopilotMode.Off, ((AutopilotMode)42).StricterOf(AutopilotMode.Enforce));
    }
}
