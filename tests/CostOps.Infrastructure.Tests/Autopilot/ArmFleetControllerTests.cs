using System.Text.Json;
using CostOps.Application.Ports;
using CostOps.Domain.Autopilot;
using static CostOps.Infrastructure.Tests.Autopilot.AutopilotScenario;

namespace CostOps.Infrastructure.Tests.Autopilot;

public sealed class ArmFleetControllerTests : IAsyncLifetime
{
    private FakeArmCompute _arm = null!;

    public async Task InitializeAsync() => _arm = await FakeArmCompute.StartAsync();

    public async Task DisposeAsync() => await _arm.DisposeAsync();

    [Fact]
    public async Task ReadAsync_ReadsAVmsPowerStateTagsAndSize_InOneGetWithTheInstanceView()
    {
        var id = _arm.AddVm("vm-a", "running", OptedIn());

        var snapshot = await _arm.CreateController().ReadAsync(id);

        Assert.Equal(ComputeResourceKind.VirtualMachine, snapshot.Kind);
        Assert.Equal(VmPowerState.Running, snapshot.PowerState);
        Assert.Equal("Standard_NC40ads_H100_v5", snapshot.Sku);
        Assert.Equal("enabled", snapshot.Tags["costops-autopilot"]);
        var request = Assert.Single(_arm.Server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Contains("api-version=2023-07-01", request.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("expand=instanceView", Uri.UnescapeDataString(request.PathAndQuery), StringComparison.Ordinal);
        Assert.Equal("Bearer test-token", request.Header("Authorization"));
    }

    [Theory]
    [InlineData("deallocated", VmPowerState.Deallocated)]
    [InlineData("stopped", VmPowerState.Stopped)]
    [InlineData("starting", VmPowerState.Starting)]
    [InlineData("provisioning", VmPowerState.Unknown)]
    public async Task ReadAsync_ParsesThePowerStateCodeByPrefix(string code, VmPowerState expected)
    {
        var id = _arm.AddVm("vm-a", code);

        var snapshot = await _arm.CreateController().ReadAsync(id);

        Assert.Equal(expected, snapshot.PowerState);
    }

    [Fact]
    public async Task ReadAsync_ReadsAScaleSetsCapacity()
    {
        var id = _arm.AddScaleSet("vmss-a", 3, OptedIn());

        var snapshot = await _arm.CreateController().ReadAsync(id);

        Assert.Equal(ComputeResourceKind.ScaleSet, snapshot.Kind);
        Assert.Equal(3, snapshot.Capacity);
        Assert.Equal("capacity 3", snapshot.StateText);
    }

    [Fact]
    public async Task ReadAsync_TranslatesAnArmRefusal_KeepingStatusAndCode()
    {
        var error = await Assert.ThrowsAsync<FleetControlException>(() => _arm.CreateController().ReadAsync(FakeArmCompute.VmId("missing")));

        Assert.Equal(404, error.Status);
        Assert.Equal("ResourceNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task ReadAsync_RejectsAnIdThatIsNotAVmOrScaleSet()
    {
        var disk = $"/subscriptions/{FakeArmCompute.SubscriptionId}/resourceGroups/gpu-rg/providers/Microsoft.Compute/disks/os";

        await Assert.ThrowsAsync<ArgumentException>(() => _arm.CreateController().ReadAsync(disk));
    }

    [Fact]
    public async Task DryRun_SendsNoWriteRequest()
    {
        var id = _arm.AddVm("vm-a", "running", OptedIn());
        var controller = _arm.CreateController();
        var decision = await DecideAsync(controller, [id], ratio: 0.5m, AutopilotMode.DryRun);

        var outcomes = await controller.ApplyAsync(decision);

        Assert.Equal(DecisionAction.Pause, decision.Action);
        Assert.False(decision.WillAct);
        var outcome = Assert.Single(outcomes);
        Assert.Equal(FleetActionStatus.DryRun, outcome.Status);
        Assert.False(outcome.WriteSent);
        Assert.Empty(_arm.Writes);
        Assert.Equal("running", _arm.PowerStateOf("vm-a"));
    }

    [Fact]
    public async Task DryRun_IsGuardedHereToo_EvenForATargetPlannedToAct()
    {
        var id = _arm.AddVm("vm-a", "running", OptedIn());
        var controller = _arm.CreateController();
        var enforced = await DecideAsync(controller, [id], ratio: 0.5m, AutopilotMode.Enforce);

        var outcome = await controller.ApplyAsync(enforced.ActingTargets.Single(), AutopilotMode.DryRun);

        Assert.Equal(FleetActionStatus.DryRun, outcome.Status);
        Assert.Empty(_arm.Writes);
    }

    [Fact]
    public async Task Off_SendsNoRequestAtAll()
    {
        var id = _arm.AddVm("vm-a", "running", OptedIn());
        var controller = _arm.CreateController();
        var decision = await DecideAsync(controller, [id], ratio: 0.5m, AutopilotMode.Enforce);
        var before = _arm.Server.Requests.Count;

        var outcome = await controller.ApplyAsync(decision.ActingTargets.Single(), AutopilotMode.Off);

        Assert.Equal(FleetActionStatus.Skipped, outcome.Status);
        Assert.Equal(before, _arm.Server.Requests.Count);
    }

    [Fact]
    public async Task Enforce_DeallocatesTheOptedInVm_AndLeavesTheUntaggedOneUntouched()
    {
        var tagged = _arm.AddVm("vm-a", "running", OptedIn());
        var untagged = _arm.AddVm("vm-b", "running");
        var controller = _arm.CreateController();
        var decision = await DecideAsync(controller, [tagged, untagged], ratio: 0.5m, AutopilotMode.Enforce);

        var outcomes = await controller.ApplyAsync(decision);

        Assert.True(decision.WillAct);
        var outcome = Assert.Single(outcomes);
        Assert.Equal(tagged, outcome.ResourceId);
        Assert.Equal(FleetActionStatus.Succeeded, outcome.Status);
        Assert.True(outcome.WriteSent);
        Assert.Equal("running", outcome.StateBefore);
        Assert.Equal("deallocated", outcome.StateAfter);
        var write = Assert.Single(_arm.Writes);
        Assert.Equal("POST", write.Method);
        Assert.StartsWith(tagged + "/deallocate?api-version=2023-07-01", write.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("deallocated", _arm.PowerStateOf("vm-a"));
        Assert.Equal("running", _arm.PowerStateOf("vm-b"));
    }

    [Fact]
    public async Task Enforce_NeverPowersOff()
    {
        var id = _arm.AddVm("vm-a", "stopped", OptedIn());
        var controller = _arm.CreateController();
        var decision = await DecideAsync(controller, [id], ratio: 0.5m, AutopilotMode.Enforce);

        await controller.ApplyAsync(decision);

        var write = Assert.Single(_arm.Writes);
        Assert.Contains("/deallocate", write.PathAndQuery, StringComparison.Ordinal);
        Assert.DoesNotContain(_arm.Server.Requests, r => r.PathAndQuery.Contains("powerOff", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("deallocated", _arm.PowerStateOf("vm-a"));
    }

    [Fact]
    public async Task Enforce_StartsAPausedVm_OnResume()
    {
        var id = _arm.AddVm("vm-a", "deallocated", OptedIn());
        var controller = _arm.CreateController();
        var decision = await DecideAsync(controller, [id], ratio: 1.3m, AutopilotMode.Enforce);

        var outcome = Assert.Single(await controller.ApplyAsync(decision));

        Assert.Equal(DecisionAction.Resume, decision.Action);
        Assert.Equal(FleetActionStatus.Succeeded, outcome.Status);
        Assert.EndsWith("/start?api-version=2023-07-01", Assert.Single(_arm.Writes).PathAndQuery, StringComparison.Ordinal);
        Assert.Equal("running", _arm.PowerStateOf("vm-a"));
    }

    [Fact]
    public async Task AScaleSet_IsPatchedToTheComputedCapacity()
    {
        // 94,900 requests/month at 30,000 per instance needs 4 instances.
        var id = _arm.AddScaleSet("vmss-a", 2, OptedIn());
        var controller = _arm.CreateController();
        var decision = await DecideAsync(controller, [id], ratio: 1.3m, AutopilotMode.Enforce, capacityPerInstance: 30_000m);

        var outcome = Assert.Single(await controller.ApplyAsync(decision));

        Assert.Equal(DecisionAction.ScaleUp, decision.Action);
        Assert.Equal(FleetActionStatus.Succeeded, outcome.Status);
        Assert.Equal("capacity 4", outcome.StateAfter);
        var patch = Assert.Single(_arm.Writes);
        Assert.Equal("PATCH", patch.Method);
        using var body = JsonDocument.Parse(patch.Body);
        Assert.Equal(4, body.RootElement.GetProperty("sku").GetProperty("capacity").GetInt32());
        Assert.Equal(4, _arm.CapacityOf("vmss-a"));
    }

    [Fact]
    public async Task Pausing_AScaleSet_PatchesItsCapacityToZero()
    {
        var id = _arm.AddScaleSet("vmss-a", 3, OptedIn());
        var controller = _arm.CreateController();
        var decision = await DecideAsync(controller, [id], ratio: 0.5m, AutopilotMode.Enforce);

        var outcome = Assert.Single(await controller.ApplyAsync(decision));

        Assert.Equal(FleetActionStatus.Succeeded, outcome.Status);
        using var body = JsonDocument.Parse(Assert.Single(_arm.Writes).Body);
        Assert.Equal(0, body.RootElement.GetProperty("sku").GetProperty("capacity").GetInt32());
    }

    [Fact]
    public async Task AlreadyDeallocated_IsARecordedNoOp_WithNoWrite()
    {
        var id = _arm.AddVm("vm-a", "deallocated", OptedIn());
        var controller = _arm.CreateController();
        var decision = await DecideAsync(controller, [id], ratio: 0.5m, AutopilotMode.Enforce);

        var outcomes = await controller.ApplyAsync(decision);

        Assert.True(decision.IsNoOp);
        Assert.Contains("already deallocated", decision.Reason, StringComparison.Ordinal);
        Assert.Empty(outcomes);
        Assert.Empty(_arm.Writes);
    }

    [Fact]
    public async Task AVmDeallocatedSinceTheDecision_IsAlreadyInState_WithNoWrite()
    {
        var id = _arm.AddVm("vm-a", "running", OptedIn());
        var controller = _arm.CreateController();
        var decision = await DecideAsync(controller, [id], ratio: 0.5m, AutopilotMode.Enforce);
        _arm.SetPowerState("vm-a", "deallocated");

        var outcome = Assert.Single(await controller.ApplyAsync(decision));

        Assert.Equal(FleetActionStatus.AlreadyInState, outcome.Status);
        Assert.True(outcome.ReachedTarget);
        Assert.False(outcome.WriteSent);
        Assert.Empty(_arm.Writes);
    }

    [Fact]
    public async Task AStaleScaleUp_NeverScalesDownASetThatGrewMeanwhile()
    {
        var id = _arm.AddScaleSet("vmss-a", 2, OptedIn());
        var controller = _arm.CreateController();
        var decision = await DecideAsync(controller, [id], ratio: 1.3m, AutopilotMode.Enforce, capacityPerInstance: 30_000m);
        var grown = await controller.ApplyAsync(new ResourceTarget(
            decision.ActingTargets.Single().Resource, TargetOperation.SetCapacity, 6, TargetStatus.Act, []), AutopilotMode.Enforce);

        var outcome = Assert.Single(await controller.ApplyAsync(decision));

        Assert.Equal(FleetActionStatus.Succeeded, grown.Status);
        Assert.Equal(FleetActionStatus.AlreadyInState, outcome.Status);
        Assert.Equal(6, _arm.CapacityOf("vmss-a"));
        Assert.Single(_arm.Writes);
    }

    [Fact]
    public async Task AConflict_IsAFailedOutcome_WithArmsStatusAndCode_NotAnException()
    {
        var id = _arm.AddVm("vm-a", "running", OptedIn());
        var controller = _arm.CreateController();
        var decision = await DecideAsync(controller, [id], ratio: 0.5m, AutopilotMode.Enforce);
        _arm.RefuseWrites(409, "error-conflict.json");

        var outcome = Assert.Single(await controller.ApplyAsync(decision));

        Assert.Equal(FleetActionStatus.Failed, outcome.Status);
        Assert.Equal(409, outcome.HttpStatus);
        Assert.Equal("OperationNotAllowed", outcome.ErrorCode);
        Assert.True(outcome.WriteSent);
        Assert.False(outcome.ReachedTarget);
        Assert.Equal("running", outcome.StateAfter);
        Assert.Single(_arm.Writes);
    }

    [Fact]
    public async Task AServerError_IsRetriedByTheArmPipeline_ThenAFailedOutcome()
    {
        var id = _arm.AddVm("vm-a", "running", OptedIn());
        var controller = _arm.CreateController(maxRetries: 2);
        var decision = await DecideAsync(controller, [id], ratio: 0.5m, AutopilotMode.Enforce);
        _arm.RefuseWrites(500, "error-internal.json");

        var outcome = Assert.Single(await controller.ApplyAsync(decision));

        Assert.Equal(FleetActionStatus.Failed, outcome.Status);
        Assert.Equal(500, outcome.HttpStatus);
        Assert.Equal("InternalExecutionError", outcome.ErrorCode);
        Assert.Equal(3, _arm.Writes.Count);
    }

    [Fact]
    public async Task AThrottledWrite_IsRetriedAfterRetryAfter_AndSucceeds()
    {
        var id = _arm.AddVm("vm-a", "running", OptedIn());
        var controller = _arm.CreateController();
        var decision = await DecideAsync(controller, [id], ratio: 0.5m, AutopilotMode.Enforce);
        _arm.RefuseWrites(429, "error-internal.json", times: 1, retryAfter: "0");

        var outcome = Assert.Single(await controller.ApplyAsync(decision));

        Assert.Equal(FleetActionStatus.Succeeded, outcome.Status);
        Assert.Equal(2, _arm.Writes.Count);
    }

    [Fact]
    public async Task AStartThatFailsToAllocate_IsAFailedOutcome_WithTheOperationsErrorCode()
    {
        var id = _arm.AddVm("vm-a", "deallocated", OptedIn());
        var controller = _arm.CreateController();
        var decision = await DecideAsync(controller, [id], ratio: 1.3m, AutopilotMode.Enforce);
        _arm.ApplyWrites = false;
        _arm.PollStatus = "Failed";

        var outcome = Assert.Single(await controller.ApplyAsync(decision));

        Assert.Equal(FleetActionStatus.Failed, outcome.Status);
        Assert.Equal("AllocationFailed", outcome.ErrorCode);
        Assert.Null(outcome.HttpStatus);
        Assert.True(outcome.WriteSent);
        Assert.Equal("deallocated", outcome.StateAfter);
    }

    [Fact]
    public async Task AnOperationThatNeverCompletes_TimesOut_AndReportsTheStateItReadsBack()
    {
        var id = _arm.AddVm("vm-a", "running", OptedIn());
        var controller = _arm.CreateController(operationTimeout: TimeSpan.FromMilliseconds(300));
        var decision = await DecideAsync(controller, [id], ratio: 0.5m, AutopilotMode.Enforce);
        _arm.ApplyWrites = false;
        _arm.PollStatus = "InProgress";
        _arm.PollRetryAfterSeconds = 30;

        // The operation's timeout runs on the controller's clock: move it on until the controller gives up.
        var applying = controller.ApplyAsync(decision);
        while (!applying.IsCompleted)
        {
            _arm.Clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.WhenAny(applying, Task.Delay(TimeSpan.FromMilliseconds(20)));
        }
        var outcome = Assert.Single(await applying);

        Assert.Equal(FleetActionStatus.TimedOut, outcome.Status);
        Assert.True(outcome.WriteSent);
        Assert.Equal("running", outcome.StateAfter);
    }

    [Fact]
    public async Task AReportedSuccessThatDoesNotReadBack_IsUnconfirmed()
    {
        var id = _arm.AddVm("vm-a", "running", OptedIn());
        var controller = _arm.CreateController();
        var decision = await DecideAsync(controller, [id], ratio: 0.5m, AutopilotMode.Enforce);
        _arm.ApplyWrites = false;

        var outcome = Assert.Single(await controller.ApplyAsync(decision));

        Assert.Equal(FleetActionStatus.Unconfirmed, outcome.Status);
        Assert.Equal("running", outcome.StateAfter);
    }

    [Fact]
    public async Task ATargetWhoseKindDisagreesWithItsId_FailsWithoutARequest()
    {
        var scaleSet = FleetResource.ScaleSet(FakeArmCompute.ScaleSetId("vmss-a"), 2, OptedIn());
        var asVm = new ResourceTarget(scaleSet with { Kind = ComputeResourceKind.VirtualMachine }, TargetOperation.Deallocate, null, TargetStatus.Act, []);

        var outcome = await _arm.CreateController().ApplyAsync(asVm, AutopilotMode.Enforce);

        Assert.Equal(FleetActionStatus.Failed, outcome.Status);
        Assert.Empty(_arm.Server.Requests);
    }

    [Fact]
    public async Task ATargetNotPlannedToAct_IsSkippedWithoutARequest()
    {
        var id = _arm.AddVm("vm-b", "running");
        var controller = _arm.CreateController();
        var decision = await DecideAsync(controller, [id], ratio: 0.5m, AutopilotMode.Enforce);
        var before = _arm.Server.Requests.Count;

        var outcome = await controller.ApplyAsync(decision.Targets.Single(), AutopilotMode.Enforce);

        Assert.Equal(TargetStatus.Blocked, decision.Targets.Single().Status);
        Assert.Equal(FleetActionStatus.Skipped, outcome.Status);
        Assert.Equal(before, _arm.Server.Requests.Count);
    }
}
