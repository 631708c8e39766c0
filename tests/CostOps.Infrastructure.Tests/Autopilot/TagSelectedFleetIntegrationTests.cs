using CostOps.Application.Results;
using CostOps.Domain.Autopilot;
using CostOps.Infrastructure.Tests.ResourceGraph;
using CostOps.TestSupport.Azurite;
using static CostOps.Infrastructure.Tests.Autopilot.AutopilotScenario;

namespace CostOps.Infrastructure.Tests.Autopilot;

/// <summary>
/// Issue 18, "Fleets by tag": a fleet named only by <c>tagSelector</c> is resolved through Resource Graph (HTTPS
/// loopback, two pages) and then planned and acted on exactly like the same fleet listed by id (ARM on loopback,
/// tables on Azurite).
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class TagSelectedFleetIntegrationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly Dictionary<string, string> s_selector = new() { ["costops-workload"] = "triage" };

    private AutopilotWorld _world = null!;

    private FakeArmCompute Arm => _world.Arm;

    public async Task InitializeAsync()
    {
        _world = await AutopilotWorld.StartAsync(azurite);
        _world.Graph = await FakeResourceGraph.StartAsync();
        // One row a page: the VM on the first, the scale set behind the $skipToken.
        _world.Graph.PageSize = 1;
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private static Dictionary<string, string> Tagged() => new(OptedIn()) { ["costops-workload"] = "triage" };

    /// <summary>A running VM and a scale set of 3 in ARM, both found by the selector in Resource Graph.</summary>
    private (string Vm, string ScaleSet) TaggedFleet(string prefix)
    {
        var vm = Arm.AddVm($"{prefix}-vm", "running", Tagged());
        var scaleSet = Arm.AddScaleSet($"{prefix}-vmss", 3, Tagged());
        _world.Graph!.AddRow(vm, Tagged());
        _world.Graph.AddRow(scaleSet, Tagged());
        return (vm, scaleSet);
    }

    [Fact]
    public async Task ATagSelectedFleet_IsResolvedOverTwoPages_AndPlannedLikeTheSameFleetListed()
    {
        var (vm, scaleSet) = TaggedFleet("tagged");
        var listedVm = Arm.AddVm("listed-vm", "running", Tagged());
        var listedScaleSet = Arm.AddScaleSet("listed-vmss", 3, Tagged());
        // Room in the night's write budget for both fleets, so only their selection tells them apart.
        _world.Options.MaxActionsPerRun = 10;
        _world.AddTaggedWorkload("by-tags", "dry-run", s_selector);
        _world.AddWorkload("by-ids", "dry-run", [listedVm, listedScaleSet], tokensPerSecond: 15m);
        await _world.AddNightsAsync("by-tags", 0.5m);
        await _world.AddNightsAsync("by-ids", 0.5m);

        var plan = await _world.Planner().PlanAsync();

        var byTags = plan.Workloads.Single(w => w.WorkloadId == "by-tags");
        var byIds = plan.Workloads.Single(w => w.WorkloadId == "by-ids");
        Assert.False(byTags.HasProblems);
        Assert.Equal([vm, scaleSet], byTags.Decision.Targets.Select(t => t.ResourceId));
        Assert.Equal((byIds.Decision.Action, byIds.Decision.Rule), (byTags.Decision.Action, byTags.Decision.Rule));
        Assert.NotEqual(DecisionAction.Hold, byTags.Decision.Action);
        Assert.Equal(
            byIds.Decision.Targets.Select(t => (t.Kind, t.Operation, t.Capacity, t.Status)),
            byTags.Decision.Targets.Select(t => (t.Kind, t.Operation, t.Capacity, t.Status)));
        Assert.Equal(2, _world.Graph!.Server.Requests.Count);
        Assert.Equal("page-from-1", (string?)_world.Graph.Bodies[1]["options"]!["$skipToken"]);
        Assert.Equal(FakeArmCompute.SubscriptionId, (string?)_world.Graph.Bodies[0]["subscriptions"]![0]);
        Assert.Equal("Bearer test-token", _world.Graph.Server.Requests[0].Header("Authorization"));
    }

    [Fact]
    public async Task InEnforce_TheResolvedResourcesAreActedOn_AndTheOptOutIsRespected()
    {
        var (vm, scaleSet) = TaggedFleet("tagged");
        // Tagged for the workload but carrying the exclusion tag in ARM: resolved, then left alone by the same guardrail as a listed one.
        var frozen = Arm.AddVm("frozen-vm", "running", new Dictionary<string, string>(Tagged()) { [AutopilotTags.ExcludeName] = "audit" });
        _world.Graph!.AddRow(frozen, Tagged());
        _world.AddTaggedWorkload("by-tags", "enforce", s_selector);
        await _world.AddNightsAsync("by-tags", 0.5m);

        var report = await _world.RunAsync();

        var row = await _world.LatestDecisionAsync("by-tags");
        Assert.Equal(3, _world.Graph.Server.Requests.Count);
        Assert.Contains(Guardrail.Excluded, report.Plan!.Workloads[0].Decision.BlockedBy);
        Assert.DoesNotContain(Arm.Writes, w => w.PathAndQuery.Contains("/frozen-vm", StringComparison.Ordinal));
        Assert.NotEmpty(Arm.Writes);
        Assert.All(row.Outcomes, o => Assert.Contains(o.ResourceId, new[] { vm, scaleSet }));
        Assert.Equal(DecisionOutcomeStatus.Succeeded, row.OutcomeStatus);
        Assert.Equal("running", Arm.PowerStateOf("frozen-vm"));
    }

    [Fact]
    public async Task AResourceGraphFailure_HoldsTheWorkload_NamingTheSource_AndSendsNoWrite()
    {
        TaggedFleet("tagged");
        _world.Graph!.Then(context => Telemetry.LoopbackReplies.Json(context, """{"error":{"code":"AuthorizationFailed","message":"no read access"}}""", 403));
        _world.AddTaggedWorkload("by-tags", "enforce", s_selector);
        await _world.AddNightsAsync("by-tags", 0.5m);

        var report = await _world.RunAsync();

        var workload = Assert.Single(report.Plan!.Workloads);
        Assert.Equal(DecisionAction.Hold, workload.Decision.Action);
        Assert.Contains("held: resolving tagSelector costops-workload=triage through Resource Graph failed: TelemetrySourceException: Source 'resource-graph' (Resource Graph query) answered HTTP 403", workload.Decision.Reason, StringComparison.Ordinal);
        Assert.Empty(Arm.Writes);
        Assert.Contains(report.Run.Errors, e => e.StartsWith("by-tags: resolving tagSelector", StringComparison.Ordinal));
    }
}
