using CostOps.Domain.Autopilot;
using static CostOps.Domain.Tests.Autopilot.AutopilotBuilders;

namespace CostOps.Domain.Tests.Autopilot;

public sealed class GuardrailTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public void IncompleteDataAnywhereInTheWindow_BlocksThePause(int night)
    {
        var window = Low();
        window[night] = window[night] with { Completeness = 0.62m };

        var decision = Decide(Workload(window, Vm()));

        Assert.Equal(DecisionRule.PauseBelowBreakEven, decision.Rule);
        Assert.Equal(DecisionAction.Hold, decision.Action);
        Assert.Equal([Guardrail.IncompleteData], decision.BlockedBy);
        Assert.Contains($"held: completeness 0.62 on {window[night].Day:yyyy-MM-dd} is below 0.9", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void IncompleteData_BlocksResumeAndScaleUpToo()
    {
        var high = Nights(1.3m, 1.3m, 1.3m, 1.3m, 1.3m);
        high[1] = high[1] with { Completeness = 0.5m };

        var resume = Decide(Workload(high, Vm(state: VmPowerState.Deallocated)));
        var scaleUp = Decide(Workload(high, [ScaleSet(capacity: 1)], capacityPerInstance: 30_000m));

        Assert.Equal(DecisionRule.ResumeAboveBreakEven, resume.Rule);
        Assert.Equal(DecisionAction.Hold, resume.Action);
        Assert.Equal(DecisionRule.ScaleUpToDemand, scaleUp.Rule);
        Assert.Equal(DecisionAction.Hold, scaleUp.Action);
        Assert.Contains(Guardrail.IncompleteData, scaleUp.BlockedBy);
    }

    [Fact]
    public void AMissingNight_CountsAsIncomplete()
    {
        var window = Low();
        window.RemoveAt(2);

        var decision = Decide(Workload(window, Vm()));

        Assert.Equal(DecisionAction.Hold, decision.Action);
        Assert.Contains(Guardrail.IncompleteData, decision.BlockedBy);
        Assert.Contains("held: no TCO row for 2026-11-19", decision.Reason, StringComparison.Ordinal);
        Assert.False(decision.Inputs.Window[2].Present);
    }

    [Fact]
    public void AWindowEndingBeforeTheRunDay_IsIncomplete_SoStaleRowsNeverTriggerActions()
    {
        var decision = Decide(Workload(Nights([0.5m, 0.5m, 0.5m, 0.5m, 0.5m], Day.AddDays(-1)), Vm()));

        Assert.Equal(DecisionAction.Hold, decision.Action);
        Assert.Contains(Guardrail.IncompleteData, decision.BlockedBy);
    }

    [Fact]
    public void IncompleteData_IsRecorded_EvenWhenNoRuleFired()
    {
        var window = Nights(1.0m, 1.0m, 1.0m, 1.0m, 1.0m);
        window[3] = window[3] with { Completeness = 0.3m };

        var decision = Decide(Workload(window, Vm()));

        Assert.Equal(DecisionRule.None, decision.Rule);
        Assert.Equal([Guardrail.IncompleteData], decision.BlockedBy);
        Assert.EndsWith("held: completeness 0.3 on 2026-11-20 is below 0.9", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Cooldown_HoldsAResourceActedOnRecently()
    {
        var decision = Decide(Workload(Low(), Vm(lastActionAt: Now.AddHours(-30))));

        Assert.Equal(DecisionAction.Hold, decision.Action);
        Assert.Equal([Guardrail.Cooldown], decision.BlockedBy);
        Assert.Contains("held: vm-a was changed 30 h ago; cooldown is 72 h", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Cooldown_IsOver_OnceTheFullPeriodHasPassed()
    {
        var decision = Decide(Workload(Low(), Vm(lastActionAt: Now.AddHours(-72))));

        Assert.Equal(DecisionAction.Pause, decision.Action);
    }

    [Fact]
    public void ExclusionTag_HoldsTheResource_AndItsValueIsQuoted()
    {
        var decision = Decide(Workload(Low(), Vm(tags: OptedIn(("COSTOPS-EXCLUDE", "INC-4711")))));

        Assert.Equal(DecisionAction.Hold, decision.Action);
        Assert.Equal([Guardrail.Excluded], decision.BlockedBy);
        Assert.Contains("held: vm-a is excluded (tag costops-exclude=INC-4711)", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("disabled")]
    [InlineData("exclude")]
    public void WithoutTheOptInTag_TheResourceIsNotTouched(string? optInValue)
    {
        var tags = new Dictionary<string, string> { ["env"] = "prod" };
        if (optInValue is not null)
        {
            tags[AutopilotTags.OptInName] = optInValue;
        }

        var decision = Decide(Workload(Low(), Vm(tags: tags)));

        Assert.Equal(DecisionAction.Hold, decision.Action);
        Assert.Equal([Guardrail.OptInMissing], decision.BlockedBy);
        Assert.Contains("held: vm-a is not opted in (tag costops-autopilot=enabled missing)", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void OptIn_IgnoresTheCaseOfTheTagNameAndValue()
    {
        var decision = Decide(Workload(Low(), Vm(tags: new Dictionary<string, string> { ["CostOps-Autopilot"] = "Enabled" })));

        Assert.Equal(DecisionAction.Pause, decision.Action);
    }

    [Fact]
    public void AnOptedInVmIsPaused_WhileAnUntaggedOneIsLeftAlone()
    {
        var decision = Decide(Workload(Low(), Vm("vm-a"), Vm("vm-b", tags: new Dictionary<string, string>())));

        Assert.Equal(DecisionAction.Pause, decision.Action);
        Assert.Equal(TargetStatus.Act, decision.Target("vm-a").Status);
        Assert.Equal(TargetStatus.Blocked, decision.Target("vm-b").Status);
        Assert.Equal([Guardrail.OptInMissing], decision.BlockedBy);
        Assert.Equal(["vm-a"], decision.ActingTargets.Select(t => t.Resource.Name));
    }

    [Fact]
    public void StalePrices_BlockEveryAction()
    {
        var decision = Decide(Workload(Low(), [Vm()], pricesFetchedAt: Now.AddDays(-12)));

        Assert.Equal(DecisionAction.Hold, decision.Action);
        Assert.Equal([Guardrail.StalePrices], decision.BlockedBy);
        Assert.Contains("held: prices fetched 2026-11-10 are 12 days old (max 7)", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void PricesOfUnknownAge_CountAsStale()
    {
        var decision = Decide(Workload(Low(), Vm()) with { PricesFetchedAt = null });

        Assert.Equal([Guardrail.StalePrices], decision.BlockedBy);
        Assert.Contains("held: the prices' age is unknown", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ScarceSku_IsNotDeallocated_UnlessThePolicyAllowsIt()
    {
        var blocked = Decide(Workload(Low(), Vm(scarce: true)));
        var allowed = Decide(Workload(Low(), [Vm(scarce: true)], Enforce with { AllowDeallocateScarceSku = true }));

        Assert.Equal(DecisionAction.Hold, blocked.Action);
        Assert.Equal([Guardrail.ScarceSku], blocked.BlockedBy);
        Assert.Contains("held: vm-a (Standard_NC40ads_H100_v5) is a scarce GPU size and allowDeallocateScarceSku is off", blocked.Reason, StringComparison.Ordinal);
        Assert.Equal(DecisionAction.Pause, allowed.Action);
    }

    [Fact]
    public void ScarceSku_DoesNotBlockAResume()
    {
        var decision = Decide(Workload(Nights(1.3m, 1.3m, 1.3m, 1.3m, 1.3m), Vm(state: VmPowerState.Deallocated, scarce: true)));

        Assert.Equal(DecisionAction.Resume, decision.Action);
    }

    [Fact]
    public void EveryGuardrailThatApplies_IsRecorded_NotJustTheFirst()
    {
        var window = Low();
        window[0] = window[0] with { Completeness = 0.1m };
        var vm = Vm(tags: new Dictionary<string, string> { [AutopilotTags.ExcludeName] = "" }, lastActionAt: Now.AddHours(-1), scarce: true);

        var decision = Decide(Workload(window, [vm], pricesFetchedAt: Now.AddDays(-30)));

        Assert.Equal(
            [Guardrail.OptInMissing, Guardrail.Excluded, Guardrail.Cooldown, Guardrail.IncompleteData, Guardrail.StalePrices, Guardrail.ScarceSku],
            decision.BlockedBy);
    }

    [Fact]
    public void MaxActionsPerRun_IsSharedAcrossWorkloads_InWorkloadIdOrder()
    {
        var workloads = new[] { "e", "b", "d", "a", "c" }
            .Select(id => Workload(Low(), [Vm("vm-" + id)], id: id))
            .ToList();

        var decisions = AutopilotRules.Decide(Run(maxActions: 3), workloads);

        var paused = decisions.Where(d => d.Action == DecisionAction.Pause).Select(d => d.WorkloadId).Order();
        Assert.Equal(["a", "b", "c"], paused);
        var held = decisions.Where(d => d.Action == DecisionAction.Hold).ToList();
        Assert.Equal(2, held.Count);
        Assert.All(held, d => Assert.Equal([Guardrail.MaxActionsPerRun], d.BlockedBy));
        Assert.Contains("held: max 3 actions per run reached (vm-e)", decisions[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MaxActionsPerRun_CountsResourceWrites_NotWorkloads()
    {
        var decision = AutopilotRules.Decide(Run(maxActions: 2), Workload(Low(), Vm("vm-a"), Vm("vm-b"), Vm("vm-c")));

        Assert.Equal(DecisionAction.Pause, decision.Action);
        Assert.Equal(["vm-a", "vm-b"], decision.ActingTargets.Select(t => t.Resource.Name));
        Assert.Equal([Guardrail.MaxActionsPerRun], decision.Target("vm-c").BlockedBy);
    }

    [Fact]
    public void ActionsAlreadyTakenForTheDay_CountAgainstTheBudget()
    {
        var decision = AutopilotRules.Decide(Run(maxActions: 3, alreadyTaken: 3), Workload(Low(), Vm()));

        Assert.Equal(DecisionAction.Hold, decision.Action);
        Assert.Equal([Guardrail.MaxActionsPerRun], decision.BlockedBy);
    }

    [Fact]
    public void ResumesAreServedBeforePauses_WhenTheBudgetIsShort()
    {
        var pause = Workload(Low(), [Vm("vm-a")], id: "a-pause");
        var resume = Workload(Nights(1.3m, 1.3m, 1.3m, 1.3m, 1.3m), [Vm("vm-z", VmPowerState.Deallocated)], id: "z-resume");

        var decisions = AutopilotRules.Decide(Run(maxActions: 1), [pause, resume]);

        Assert.Equal(DecisionAction.Hold, decisions[0].Action);
        Assert.Equal(DecisionAction.Resume, decisions[1].Action);
    }

    [Fact]
    public void BlockedTargets_DoNotSpendTheBudget()
    {
        var untagged = Workload(Low(), [Vm("vm-a", tags: new Dictionary<string, string>())], id: "a");
        var tagged = Workload(Low(), [Vm("vm-b")], id: "b");

        var decisions = AutopilotRules.Decide(Run(maxActions: 1), [untagged, tagged]);

        Assert.Equal(DecisionAction.Pause, decisions[1].Action);
    }
}
