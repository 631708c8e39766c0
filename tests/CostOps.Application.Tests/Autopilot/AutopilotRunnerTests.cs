using CostOps.Application.Autopilot;
using CostOps.Application.Jobs;
using CostOps.Application.Results;
using CostOps.Domain.Autopilot;

namespace CostOps.Application.Tests.Autopilot;

public sealed class AutopilotRunnerTests
{
    private readonly AutopilotHarness _h = new();

    /// <summary>Two workloads below break-even for five nights, each with one opted-in running VM, both enforced.</summary>
    private (string VmA, string VmB) TwoPausableWorkloads()
    {
        var a = _h.Fleet.AddVm("vm-a", VmPowerState.Running);
        var b = _h.Fleet.AddVm("vm-b", VmPowerState.Running);
        _h.AddWorkload("alpha", "enforce", [a]);
        _h.AddWorkload("beta", "enforce", [b]);
        _h.AddNights("alpha", 0.5m);
        _h.AddNights("beta", 0.5m);
        return (a, b);
    }

    [Fact]
    public async Task EveryDecisionIsWritten_BeforeTheFirstArmWrite()
    {
        TwoPausableWorkloads();

        await _h.RunAsync();

        Assert.Equal(
            ["record alpha Pending", "record beta Pending", "claim alpha", "apply vm-a", "outcome alpha Succeeded", "claim beta", "apply vm-b", "outcome beta Succeeded"],
            _h.Log.Events);
    }

    [Fact]
    public async Task Enforce_DeallocatesAndRecordsTheOutcomeAndTheRun()
    {
        var (vmA, vmB) = TwoPausableWorkloads();

        var report = await _h.RunAsync();

        Assert.Equal(VmPowerState.Deallocated, _h.Fleet.PowerStateOf(vmA));
        Assert.Equal(VmPowerState.Deallocated, _h.Fleet.PowerStateOf(vmB));
        var stored = _h.Decisions.Latest("alpha");
        Assert.Equal(DecisionOutcomeStatus.Succeeded, stored.OutcomeStatus);
        Assert.True(stored.WriteSent);
        Assert.Equal(AutopilotHarness.Now, stored.CompletedAt);
        var outcome = Assert.Single(stored.Outcomes);
        Assert.Equal(vmA, outcome.ResourceId);
        var run = Assert.Single(_h.Runs.Runs);
        Assert.Equal(AutopilotJob.Name, run.Job);
        Assert.Equal(JobStatus.Succeeded, run.Status);
        Assert.Equal(2, run.WorkloadsOk);
        Assert.Equal(2, run.ActionsTaken);
        Assert.Equal(2, run.RowsWritten);
        Assert.Equal(AutopilotHarness.Day, run.FirstDay);
        Assert.Equal(report.Run, run);
        Assert.Equal(1, _h.Leases.Released);
    }

    [Fact]
    public async Task RerunningTheSameNight_ActsZeroMoreTimes()
    {
        TwoPausableWorkloads();
        await _h.RunAsync();
        var writes = _h.Fleet.Applied.Count;

        _h.Time.Advance(TimeSpan.FromMinutes(20));
        var again = await _h.RunAsync();

        Assert.Equal(2, writes);
        Assert.Equal(writes, _h.Fleet.Applied.Count);
        Assert.Equal(0, again.Run.ActionsTaken);
        Assert.All(again.Workloads, w => Assert.Equal(DecisionAction.Hold, w.Decision.Action));
    }

    [Fact]
    public async Task RerunningTheSameNight_OnAnUnchangedFleet_DoesNotActOnTheSameDecisionAgain()
    {
        // ARM refused the reads before the writes: nothing was sent, the fleet is as it was, only the claims remember.
        var (vmA, vmB) = TwoPausableWorkloads();
        _h.Fleet.UnwritableIds.UnionWith([vmA, vmB]);
        var first = await _h.RunAsync();

        _h.Time.Advance(TimeSpan.FromMinutes(20));
        var again = await _h.RunAsync();

        Assert.Equal(2, _h.Fleet.Applied.Count);
        Assert.Equal(first.Workloads.Select(w => w.Decision.Id), again.Workloads.Select(w => w.Decision.Id));
        Assert.All(again.Workloads, w => Assert.Equal(DecisionOutcomeStatus.AlreadyActed, w.Status));
        Assert.Equal(DecisionOutcomeStatus.AlreadyActed, _h.Decisions.Latest("alpha").OutcomeStatus);
        Assert.Equal(DecisionOutcomeStatus.Failed, _h.Decisions.Rows.Values.Single(r => r.WorkloadId == "alpha" && r.RunId == first.Run.RunId).OutcomeStatus);
    }

    [Fact]
    public async Task WhenAnotherRunHoldsTheLease_ItRecordsASkippedRunAndTouchesNothing()
    {
        TwoPausableWorkloads();
        _h.Leases.HeldByAnotherRun = true;

        var report = await _h.RunAsync();

        Assert.True(report.Skipped);
        Assert.Empty(_h.Log.Events);
        Assert.Equal(0, _h.Fleet.ReadCount);
        var run = Assert.Single(_h.Runs.Runs);
        Assert.Equal(JobStatus.Succeeded, run.Status);
        Assert.Equal(["skipped: another run holds the lease"], run.Errors);
        Assert.Equal(0, run.ActionsTaken);
    }

    [Fact]
    public async Task OneWorkloadsArmReadFailure_HoldsThatWorkload_AndTheOthersStillAct()
    {
        var (vmA, vmB) = TwoPausableWorkloads();
        _h.Fleet.UnreadableIds.Add(vmA);

        var report = await _h.RunAsync();

        var alpha = report.Workloads.Single(w => w.WorkloadId == "alpha");
        Assert.Equal(DecisionAction.Hold, alpha.Decision.Action);
        Assert.Contains(Guardrail.StateUnsettled, alpha.Decision.BlockedBy);
        Assert.Contains("held: reading vm-a failed: ARM 403 AuthorizationFailed", alpha.Decision.Reason, StringComparison.Ordinal);
        Assert.Equal(VmPowerState.Running, _h.Fleet.PowerStateOf(vmA));
        Assert.Equal(VmPowerState.Deallocated, _h.Fleet.PowerStateOf(vmB));
        Assert.Equal(alpha.Decision.Reason, _h.Decisions.Latest("alpha").Decision.Reason);
        var run = Assert.Single(_h.Runs.Runs);
        Assert.Equal(JobStatus.Partial, run.Status);
        Assert.Equal((1, 1), (run.WorkloadsOk, run.WorkloadsFailed));
        Assert.Contains(run.Errors, e => e.StartsWith("alpha: reading vm-a failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnArmRefusal_IsRecordedWithItsDecision_AndDoesNotStopTheOthers()
    {
        var (vmA, vmB) = TwoPausableWorkloads();
        _h.Fleet.RefusedIds.Add(vmA);

        var report = await _h.RunAsync();

        var stored = _h.Decisions.Latest("alpha");
        Assert.Equal(DecisionOutcomeStatus.Failed, stored.OutcomeStatus);
        Assert.True(stored.WriteSent);
        Assert.Equal(409, Assert.Single(stored.Outcomes).HttpStatus);
        Assert.Equal(VmPowerState.Deallocated, _h.Fleet.PowerStateOf(vmB));
        Assert.Equal(DecisionOutcomeStatus.Succeeded, _h.Decisions.Latest("beta").OutcomeStatus);
        Assert.Equal(JobStatus.Partial, report.Run.Status);
        Assert.Contains("alpha: vm-a: Failed 409 Conflict", report.Run.Errors);
    }

    [Fact]
    public async Task DryRun_RecordsWhatItWouldDo_AndSendsNothing()
    {
        var vm = _h.Fleet.AddVm("vm-a", VmPowerState.Running);
        _h.AddWorkload("alpha", "dry-run", [vm]);
        _h.AddNights("alpha", 0.5m);

        var report = await _h.RunAsync();

        Assert.Empty(_h.Fleet.Applied);
        Assert.Empty(_h.Decisions.Claims);
        var stored = _h.Decisions.Latest("alpha");
        Assert.Equal(DecisionOutcomeStatus.DryRun, stored.OutcomeStatus);
        Assert.Equal("pause", stored.Decision.Action);
        Assert.Equal("dry-run", stored.Decision.Mode);
        Assert.Contains("dry run: would deallocate vm-a", stored.Decision.Reason, StringComparison.Ordinal);
        Assert.Equal(0, report.Run.ActionsTaken);
    }

    [Theory]
    [InlineData("enforce", "enforce", null, true)]
    [InlineData("enforce", "enforce", AutopilotMode.Enforce, true)]
    [InlineData("enforce", "enforce", AutopilotMode.DryRun, false)]
    [InlineData("dry-run", "enforce", AutopilotMode.Enforce, false)]
    [InlineData("enforce", "dry-run", AutopilotMode.Enforce, false)]
    [InlineData("off", "enforce", AutopilotMode.Enforce, false)]
    public async Task TheStricterOfGlobalWorkloadAndCallerModeWins(string global, string workload, AutopilotMode? cap, bool acts)
    {
        var vm = _h.Fleet.AddVm("vm-a", VmPowerState.Running);
        _h.AddWorkload("alpha", workload, [vm]);
        _h.AddNights("alpha", 0.5m);
        _h.Options.Mode = global;

        await _h.RunAsync(cap);

        Assert.Equal(acts, _h.Fleet.Applied.Count == 1);
    }

    [Fact]
    public async Task ALeaseLostBeforeActing_SendsNothing_AndSaysSo()
    {
        TwoPausableWorkloads();
        _h.Leases.LoseOnRenew = true;

        var report = await _h.RunAsync();

        Assert.Empty(_h.Fleet.Applied);
        Assert.All(report.Workloads, w => Assert.Equal(DecisionOutcomeStatus.NotActed, w.Status));
        Assert.Equal(DecisionOutcomeStatus.NotActed, _h.Decisions.Latest("beta").OutcomeStatus);
        Assert.Equal(JobStatus.Failed, report.Run.Status);
        Assert.Contains(report.Run.Errors, e => e.Contains("lease was lost", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ALeaseThatCannotBeRenewed_CountsAsLost()
    {
        TwoPausableWorkloads();
        _h.Leases.FailOnRenew = true;

        var report = await _h.RunAsync();

        Assert.Empty(_h.Fleet.Applied);
        Assert.All(report.Workloads, w => Assert.Equal(DecisionOutcomeStatus.NotActed, w.Status));
        Assert.Single(_h.Runs.Runs);
    }

    [Fact]
    public async Task ADecisionThatCannotBeRecorded_IsNotActedOn()
    {
        var (vmA, vmB) = TwoPausableWorkloads();
        _h.Decisions.FailingWorkloads.Add("alpha");

        var report = await _h.RunAsync();

        Assert.Equal(VmPowerState.Running, _h.Fleet.PowerStateOf(vmA));
        Assert.Equal(VmPowerState.Deallocated, _h.Fleet.PowerStateOf(vmB));
        Assert.Contains(report.Workloads.Single(w => w.WorkloadId == "alpha").Problems, p => p.StartsWith("recording the decision failed", StringComparison.Ordinal));
        Assert.Equal(1, report.Run.RowsWritten);
    }

    [Fact]
    public async Task PastActions_CoolTheResourceDown_AndCountAgainstTheNightsBudget()
    {
        var (vmA, _) = TwoPausableWorkloads();
        _h.Options.MaxActionsPerRun = 2;
        // An earlier run tonight resumed vm-a an hour ago (then someone stopped it again).
        _h.Decisions.Claims[("alpha", "earlier")] = new DecisionClaim("alpha", "earlier", AutopilotHarness.Day, "run-0", AutopilotHarness.Now.AddHours(-1), [vmA], null);

        var report = await _h.RunAsync();

        Assert.Equal(1, report.Plan!.Run.ActionsAlreadyTaken);
        var alpha = report.Workloads.Single(w => w.WorkloadId == "alpha").Decision;
        Assert.Equal([Guardrail.Cooldown], alpha.BlockedBy);
        Assert.Equal(AutopilotHarness.Now.AddHours(-1), alpha.Targets.Single().Resource.LastActionAt);
        Assert.Single(_h.Fleet.Applied);
    }

    [Fact]
    public async Task AScaleSetIsScaledToTheComputedCount()
    {
        var set = _h.Fleet.AddScaleSet("vmss-a", 2);
        // C = 15 tok/s x 0.8 x 730 h x 3600 / 1,500 tok = 21,024 requests/month; 73,000 needs 4.
        _h.AddWorkload("alpha", "enforce", [set], tokensPerSecond: 15m);
        _h.AddNights("alpha", 1m);

        var report = await _h.RunAsync();

        var decision = Assert.Single(report.Workloads).Decision;
        Assert.Equal(DecisionAction.ScaleUp, decision.Action);
        Assert.Equal(4, _h.Fleet.CapacityOf(set));
        Assert.Equal(21_024m, decision.Inputs.CapacityPerInstance);
    }

    [Fact]
    public async Task WithoutACatalogThroughput_AScaleSetIsSizedFromTheMeasuredP95_AndTheReasonSaysSo()
    {
        var set = _h.Fleet.AddScaleSet("vmss-a", 2);
        _h.AddWorkload("alpha", "enforce", [set], tokensPerSecond: null);
        // Nights measured 12, 15, 9, 15 and 10 tokens/s at p95 per running instance: the highest, 15, gives
        // C = 15 tok/s x 0.8 x 730 h x 3600 / 1,500 tok = 21,024 requests/month; 73,000 needs 4.
        decimal[] measured = [12m, 15m, 9m, 15m, 10m];
        _h.AddNights("alpha", 1m, p95TokensPerSecond: i => measured[i]);

        var report = await _h.RunAsync();

        var decision = Assert.Single(report.Workloads).Decision;
        Assert.Equal(DecisionAction.ScaleUp, decision.Action);
        Assert.Equal(4, _h.Fleet.CapacityOf(set));
        Assert.Equal(21_024m, decision.Inputs.CapacityPerInstance);
        Assert.Contains("sized from the measured p95 of 15 tokens/s per running instance (highest of 5 nights) at 80% target utilization", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCatalogThroughputWinsOverTheMeasuredOne_AndTheReasonSaysSo()
    {
        var set = _h.Fleet.AddScaleSet("vmss-a", 2);
        _h.AddWorkload("alpha", "enforce", [set], tokensPerSecond: 15m);
        _h.AddNights("alpha", 1m, p95TokensPerSecond: _ => 60m);

        var report = await _h.RunAsync();

        var decision = Assert.Single(report.Workloads).Decision;
        Assert.Equal(4, _h.Fleet.CapacityOf(set));
        Assert.Contains("sized from the catalog's 15 tokens/s per instance at 80% target utilization", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithNeitherACatalogNorAMeasuredThroughput_AScaleSetIsNotScaled()
    {
        var set = _h.Fleet.AddScaleSet("vmss-a", 2);
        _h.AddWorkload("alpha", "enforce", [set], tokensPerSecond: null);
        _h.AddNights("alpha", 1m);

        var report = await _h.RunAsync();

        var decision = Assert.Single(report.Workloads).Decision;
        Assert.NotEqual(DecisionAction.ScaleUp, decision.Action);
        Assert.Null(decision.Inputs.CapacityPerInstance);
        Assert.Equal(2, _h.Fleet.CapacityOf(set));
    }
}
