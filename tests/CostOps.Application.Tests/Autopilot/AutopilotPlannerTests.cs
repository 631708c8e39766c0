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
    public async Task AFleetNamedOnlyByTags_WithoutAResolver_IsHeldWithANote()
    {
        _h.AddWorkload("alpha", "enforce", [], fleetExtra: ", \"tagSelector\": { \"team\": \"triage\" }");
        _h.AddNights("alpha", 0.5m);

        var plan = await _h.Planner().PlanAsync();

        var workload = Assert.Single(plan.Workloads);
        Assert.Equal(DecisionAction.Hold, workload.Decision.Action);
        Assert.Empty(workload.Decision.Targets);
        Assert.EndsWith("note: no resource ids listed and tagSelector not resolved: no fleet resolver is configured, so the autopilot acts only on listed ids", workload.Decision.Reason, StringComparison.Ordinal);
        Assert.False(workload.HasProblems);
    }

    [Fact]
    public async Task AFleetNamedByTags_IsResolvedOncePerRun_AndPlannedLikeAListedOne()
    {
        var vm = _h.Fleet.AddVm("tagged-a", VmPowerState.Running);
        var excluded = _h.Fleet.AddVm("tagged-b", VmPowerState.Running, optedIn: false);
        _h.Resolver = new FakeFleetResolver();
        _h.Resolver.Fleets["team=triage"] = [vm, excluded];
        _h.AddWorkload("alpha", "enforce", [], fleetExtra: ", \"tagSelector\": { \"team\": \"triage\" }");
        _h.AddWorkload("beta", "dry-run", [vm], fleetExtra: ", \"tagSelector\": { \"TEAM\": \"TRIAGE\" }");
        _h.AddNights("alpha", 0.5m);
        _h.AddNights("beta", 0.5m);

        var plan = await _h.Planner().PlanAsync();

        var alpha = plan.Workloads[0];
        Assert.Equal(DecisionAction.Pause, alpha.Decision.Action);
        Assert.Equal([vm, excluded], alpha.Decision.Targets.Select(t => t.ResourceId));
        Assert.Equal([vm], alpha.Decision.ActingTargets.Select(t => t.ResourceId));
        Assert.Equal([Guardrail.OptInMissing], alpha.Decision.BlockedBy);
        // Listed and tagged: one target, not two.
        Assert.Equal(2, plan.Workloads[1].Decision.Targets.Count);
        Assert.Single(_h.Resolver.Queried);
        Assert.False(alpha.HasProblems);
    }

    [Fact]
    public async Task AFailedResolution_HoldsTheWorkload_NamingTheSource_AndActsOnNothingListed()
    {
        var listed = _h.Fleet.AddVm("listed", VmPowerState.Running);
        _h.Resolver = new FakeFleetResolver { Failure = new InvalidOperationException("Source 'graph' (Resource Graph query) answered HTTP 403 Forbidden") };
        _h.AddWorkload("alpha", "enforce", [listed], fleetExtra: ", \"tagSelector\": { \"team\": \"triage\" }");
        _h.AddNights("alpha", 0.5m);

        var plan = await _h.Planner().PlanAsync();

        var workload = Assert.Single(plan.Workloads);
        Assert.Equal(DecisionAction.Hold, workload.Decision.Action);
        Assert.Empty(workload.Decision.ActingTargets);
        var problem = Assert.Single(workload.Problems);
        Assert.Equal("resolving tagSelector team=triage through Fake Graph failed: InvalidOperationException: Source 'graph' (Resource Graph query) answered HTTP 403 Forbidden", problem);
        Assert.Contains("held: resolving tagSelector team=triage through Fake Graph failed", workload.Decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASelectorWithNoSubscriptionsToSearch_IsANote_AndTheCatalogsSubscriptionsWin()
    {
        _h.Resolver = new FakeFleetResolver();
        _h.Resolver.DefaultSubscriptions.Clear();
        _h.AddWorkload("alpha", "enforce", [], fleetExtra: ", \"tagSelector\": { \"team\": \"a\" }");
        _h.AddWorkload("beta", "enforce", [], fleetExtra: ", \"tagSelector\": { \"team\": \"b\" }, \"subscriptions\": [ \"6f1c2e8a-4b7d-4c1e-9a55-0e2b9d7c1a10\" ]");

        var plan = await _h.Planner().PlanAsync();

        Assert.EndsWith("note: no resource ids listed and tagSelector not resolved: no subscriptions to search in Fake Graph (set selfHosted.subscriptions or CostOps:Autopilot:ResourceGraph:Subscriptions)", plan.Workloads[0].Decision.Reason, StringComparison.Ordinal);
        Assert.EndsWith("note: tagSelector team=b matched no VM or scale set in Fake Graph", plan.Workloads[1].Decision.Reason, StringComparison.Ordinal);
        Assert.Equal(["6f1c2e8a-4b7d-4c1e-9a55-0e2b9d7c1a10"], Assert.Single(_h.Resolver.Queried));
        Assert.All(plan.Workloads, w => Assert.False(w.HasProblems));
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
