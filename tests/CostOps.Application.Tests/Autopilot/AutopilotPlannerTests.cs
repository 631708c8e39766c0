using CostOps.Application.Autopilot;
using CostOps.Domain.Autopilot;
using CostOps.Domain.Validation;
using CostOps.Application.Results;

namespace CostOps.Application.Tests.Autopilot;

public sealed class AutopilotPlannerTests
{
    private readonly AutopilotHarness _h = new();

    [Fact]
    public async Task Plan_DecidesLikeTheRun_ButNeverActsNorWrites()
    {
        var vm = _h.Fleet.AddVm("vm-a", VmPowerState.Running);
        _h.AddWorkload("alpha", "enforce", [vm]);
        _h.AddNights("alpha", 0.5m);

        var plan = await _h.Planner().PlanAsync();

        var decision = Assert.Single(plan.Decisions);
        Assert.Equal(DecisionAction.Pause, decision.Action);
        Assert.True(decision.WillAct);
        Assert.Equal(AutopilotHarness.Day, plan.Run.Day);
        Assert.Equal(AutopilotHarness.Now, plan.Run.Now);
        Assert.Equal(1, plan.PlannedWrites);
        Assert.Empty(_h.Log.Events);
        Assert.Equal(0, _h.Decisions.Writes);
        Assert.Empty(_h.Runs.Runs);
        Assert.Equal(VmPowerState.Running, _h.Fleet.PowerStateOf(vm));
    }

    [Fact]
    public async Task Plan_ForSomeWorkloads_DecidesOnlyThose_InTheOrderAsked()
    {
        _h.AddWorkload("alpha", "enforce", [_h.Fleet.AddVm("vm-a", VmPowerState.Running)]);
        _h.AddWorkload("beta", "enforce", [_h.Fleet.AddVm("vm-b", VmPowerState.Running)]);
        _h.AddWorkload("gamma", "enforce", [_h.Fleet.AddVm("vm-c", VmPowerState.Running)]);

        var plan = await _h.Planner().PlanAsync(["gamma", "alpha"]);

        Assert.Equal(["gamma", "alpha"], plan.Workloads.Select(w => w.WorkloadId));
    }

    [Fact]
    public async Task Plan_RejectsAnUnknownWorkload_NamingIt()
    {
        _h.AddWorkload("alpha", "enforce", [_h.Fleet.AddVm("vm-a", VmPowerState.Running)]);

        var error = await Assert.ThrowsAsync<DomainValidationException>(() => _h.Planner().PlanAsync(["nope"]));

        Assert.Equal("workloadIds", Assert.Single(error.Errors).Field);
        Assert.Contains("'nope'", error.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_UsesTheConfiguredGlobalMode_AndAModeCapCanOnlyNarrowIt()
    {
        _h.AddWorkload("alpha", "enforce", [_h.Fleet.AddVm("vm-a", VmPowerState.Running)]);
        _h.AddNights("alpha", 0.5m);
        _h.Options.Mode = AutopilotModes.DryRun;

        var configured = await _h.Planner().PlanAsync();
        var widened = await _h.Planner().PlanAsync(null, AutopilotMode.Enforce);
        var narrowed = await _h.Planner().PlanAsync(null, AutopilotMode.Off);

        Assert.Equal(AutopilotMode.DryRun, configured.Run.GlobalMode);
        Assert.Equal(AutopilotMode.DryRun, widened.Workloads[0].Decision.Mode);
        Assert.Equal(AutopilotMode.Off, narrowed.Workloads[0].Decision.Mode);
    }

    [Fact]
    public async Task ThePricesOfTheEvaluatedNight_AreTheOnesThatMustBeFresh()
    {
        _h.AddWorkload("alpha", "enforce", [_h.Fleet.AddVm("vm-a", VmPowerState.Running)]);
        _h.AddNights("alpha", 0.5m, pricesAsOf: AutopilotHarness.Now.AddDays(-8));

        var decision = (await _h.Planner().PlanAsync()).Workloads[0].Decision;

        Assert.Equal(AutopilotHarness.Now.AddDays(-8), decision.Inputs.PricesFetchedAt);
        Assert.Equal([Guardrail.StalePrices], decision.BlockedBy);
    }

    [Fact]
    public async Task AnActualCostNight_CountsAsPricedWhenItWasComputed()
    {
        _h.AddWorkload("alpha", "enforce", [_h.Fleet.AddVm("vm-a", VmPowerState.Running)]);
        _h.AddNights("alpha", 0.5m, priceSource: PriceSource.ActualCost);

        var decision = (await _h.Planner().PlanAsync()).Workloads[0].Decision;

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 1, 0, 0, TimeSpan.Zero), decision.Inputs.PricesFetchedAt);
        Assert.Equal(DecisionAction.Pause, decision.Action);
    }

    [Fact]
    public async Task AMissingEvaluatedNight_LeavesThePriceAgeUnknown_WhichBlocksAsStale()
    {
        _h.AddWorkload("alpha", "enforce", [_h.Fleet.AddVm("vm-a", VmPowerState.Running)]);

        var decision = (await _h.Planner().PlanAsync()).Workloads[0].Decision;

        Assert.Null(decision.Inputs.PricesFetchedAt);
        Assert.Contains(Guardrail.IncompleteData, decision.BlockedBy);
    }

    [Fact]
    public async Task AScarceSizeInThePriceBook_IsNotReleased_UnlessThePolicyAllowsIt()
    {
        _h.AddWorkload("held", "enforce", [_h.Fleet.AddVm("vm-a", VmPowerState.Running, sku: "Standard_NC40ads_H100_v5")]);
        _h.AddWorkload("allowed", "enforce", [_h.Fleet.AddVm("vm-b", VmPowerState.Running, sku: "Standard_NC40ads_H100_v5")], autopilot: ", \"allowDeallocateScarceSku\": true");
        _h.AddNights("held", 0.5m);
        _h.AddNights("allowed", 0.5m);

        var plan = await _h.Planner().PlanAsync();

        Assert.True(plan.Workloads[0].Decision.Targets[0].Resource.ScarceSku);
        Assert.Equal([Guardrail.ScarceSku], plan.Workloads[0].Decision.BlockedBy);
        Assert.Equal(DecisionAction.Pause, plan.Workloads[1].Decision.Action);
    }

    [Fact]
    public async Task AFleetNamedOnlyByTags_IsHeldWithANote()
    {
        _h.AddWorkload("alpha", "enforce", [], fleetExtra: ", \"tagSelector\": { \"team\": \"triage\" }");
        _h.AddNights("alpha", 0.5m);

        var plan = await _h.Planner().PlanAsync();

        var workload = Assert.Single(plan.Workloads);
        Assert.Equal(DecisionAction.Hold, workload.Decision.Action);
        Assert.Empty(workload.Decision.Targets);
        Assert.EndsWith("note: no resource ids listed: the autopilot acts only on listed ids and does not resolve tagSelector", workload.Decision.Reason, StringComparison.Ordinal);
        Assert.False(workload.HasProblems);
    }

    [Fact]
    public async Task UnreadablePastActions_HoldTheWorkload_SinceTheCooldownCannotBeChecked()
    {
        var vm = _h.Fleet.AddVm("vm-a", VmPowerState.Running);
        _h.AddWorkload("alpha", "enforce", [vm]);
        _h.AddNights("alpha", 0.5m);
        _h.Decisions.FailingWorkloads.Add("alpha");

        var plan = await _h.Planner().PlanAsync();

        var workload = Assert.Single(plan.Workloads);
        Assert.Equal(DecisionAction.Hold, workload.Decision.Action);
        Assert.StartsWith("reading past actions failed", Assert.Single(workload.Problems), StringComparison.Ordinal);
    }
}
