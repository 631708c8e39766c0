using System.Collections.Concurrent;
using System.Text.Json;
using CostOps.Application.Jobs;
using CostOps.Application.Ports;
using CostOps.Application.Results;
using CostOps.TestSupport.Azurite;
using static CostOps.Infrastructure.Tests.Autopilot.AutopilotScenario;

namespace CostOps.Infrastructure.Tests.Autopilot;

/// <summary>The autopilot run on Azurite and ARM on HTTPS loopback: the acceptance, measured.</summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class AutopilotRunIntegrationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private AutopilotWorld _world = null!;

    private FakeArmCompute Arm => _world.Arm;

    public async Task InitializeAsync() => _world = await AutopilotWorld.StartAsync(azurite);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task DryRun_SendsNoWriteRequest()
    {
        _world.AddWorkload("triage", "dry-run", [Arm.AddVm("vm-a", "running", OptedIn()), Arm.AddVm("vm-b", "running", OptedIn())]);
        await _world.AddNightsAsync("triage", 0.5m);

        var report = await _world.RunAsync();

        Assert.Empty(Arm.Writes);
        Assert.Equal(2, Arm.Server.Requests.Count(r => r.Method == "GET"));
        Assert.Equal("running", Arm.PowerStateOf("vm-a"));
        var row = await _world.LatestDecisionAsync("triage");
        Assert.Equal(DecisionOutcomeStatus.DryRun, row.OutcomeStatus);
        Assert.Equal("pause", row.Decision.Action);
        Assert.Contains("dry run: would deallocate vm-a, deallocate vm-b", row.Decision.Reason, StringComparison.Ordinal);
        Assert.Equal(0, report.Run.ActionsTaken);
    }

    [Fact]
    public async Task Enforce_DeallocatesTheOptedInVm_AndLeavesTheUntaggedOne()
    {
        var tagged = Arm.AddVm("vm-tagged", "running", OptedIn());
        var untagged = Arm.AddVm("vm-untagged", "running");
        _world.AddWorkload("triage", "enforce", [tagged, untagged]);
        await _world.AddNightsAsync("triage", 0.5m);

        var report = await _world.RunAsync();

        Assert.Equal("deallocated", Arm.PowerStateOf("vm-tagged"));
        Assert.Equal("running", Arm.PowerStateOf("vm-untagged"));
        var write = Assert.Single(Arm.Writes);
        Assert.Equal("POST", write.Method);
        Assert.Contains("/virtualMachines/vm-tagged/deallocate", write.PathAndQuery, StringComparison.Ordinal);
        var row = await _world.LatestDecisionAsync("triage");
        Assert.Equal(DecisionOutcomeStatus.Succeeded, row.OutcomeStatus);
        Assert.True(row.WriteSent);
        var outcome = Assert.Single(row.Outcomes);
        Assert.Equal((tagged, FleetActionStatus.Succeeded, "running", "deallocated"), (outcome.ResourceId, outcome.Status, outcome.StateBefore, outcome.StateAfter));
        Assert.Equal("opt-in-missing", row.Decision.BlockedBy);
        var run = Assert.Single(await _world.Runs.ListAsync("Autopilot", 5));
        Assert.Equal((JobStatus.Succeeded, 1, 1), (run.Status, run.ActionsTaken!.Value, run.RowsWritten));
        Assert.Equal(report.Run.RunId, run.RunId);
    }

    [Fact]
    public async Task AScaleSet_IsScaledToTheComputedCount()
    {
        // C = 15 tok/s x 0.8 x 730 h x 3,600 / 1,500 tok = 21,024 requests/month, so 73,000 requests/month need 4.
        _world.AddWorkload("triage", "enforce", [Arm.AddScaleSet("vmss-a", 2, OptedIn())], tokensPerSecond: 15m);
        await _world.AddNightsAsync("triage", 1m);

        await _world.RunAsync();

        Assert.Equal(4, Arm.CapacityOf("vmss-a"));
        var write = Assert.Single(Arm.Writes);
        Assert.Equal("PATCH", write.Method);
        using var body = JsonDocument.Parse(write.Body);
        Assert.Equal(4, body.RootElement.GetProperty("sku").GetProperty("capacity").GetInt32());
        var row = await _world.LatestDecisionAsync("triage");
        Assert.Equal(("scale-up", "scale-up-to-demand", 21_024d), (row.Decision.Action, row.Decision.Rule, row.Decision.CapacityPerInstance!.Value));
    }

    [Fact]
    public async Task RerunningTheSameNight_ActsZeroMoreTimes()
    {
        _world.AddWorkload("triage", "enforce", [Arm.AddVm("vm-a", "running", OptedIn())]);
        _world.AddWorkload("search", "enforce", [Arm.AddScaleSet("vmss-s", 3, OptedIn())]);
        await _world.AddNightsAsync("triage", 0.5m);
        await _world.AddNightsAsync("search", 0.5m);
        await _world.RunAsync();
        var writes = Arm.Writes.Count;

        _world.Time.Advance(TimeSpan.FromMinutes(30));
        var again = await _world.RunAsync();

        Assert.Equal(2, writes);
        Assert.Equal(writes, Arm.Writes.Count);
        Assert.Equal(0, again.Run.ActionsTaken);
        Assert.All(again.Workloads, w => Assert.Equal(Domain.Autopilot.DecisionAction.Hold, w.Decision.Action));
        Assert.Equal(4, (await _world.Decisions.ListAsync(null, null, 10)).Count);
    }

    [Fact]
    public async Task TwoConcurrentRuns_SendExactlyOneSetOfArmWrites()
    {
        _world.AddWorkload("triage", "enforce", [Arm.AddVm("vm-a", "running", OptedIn())]);
        _world.AddWorkload("search", "enforce", [Arm.AddVm("vm-b", "running", OptedIn())]);
        await _world.AddNightsAsync("triage", 0.5m);
        await _world.AddNightsAsync("search", 0.5m);

        var reports = await Task.WhenAll(_world.Runner().RunAsync(new("test")), _world.Runner().RunAsync(new("test")));

        Assert.Equal(2, Arm.Writes.Count);
        Assert.Equal(2, Arm.Writes.Select(w => w.PathAndQuery.Split('?')[0]).Distinct().Count());
        Assert.Equal(2, reports.Sum(r => r.WritesSent));
        Assert.Equal(2, (await _world.Runs.ListAsync("Autopilot", 5)).Count);
    }

    [Fact]
    public async Task TwoConcurrentRuns_EachHoldingALease_StillActOnEachDecisionOnce()
    {
        // As if the lease had expired under a slow run: the per-decision claims alone must keep the writes single.
        _world.AddWorkload("triage", "enforce", [Arm.AddVm("vm-a", "running", OptedIn())]);
        _world.AddWorkload("search", "enforce", [Arm.AddVm("vm-b", "running", OptedIn())]);
        await _world.AddNightsAsync("triage", 0.5m);
        await _world.AddNightsAsync("search", 0.5m);
        var otherLeases = _world.Tables.Service.GetTableClient(AzuriteFixture.UniqueTableName("leases"));
        var secondRunner = _world.Runner(new Infrastructure.TableStorage.TableLeaseStore(otherLeases, _world.Time));

        var reports = await Task.WhenAll(_world.Runner().RunAsync(new("test")), secondRunner.RunAsync(new("test")));

        Assert.All(reports, r => Assert.False(r.Skipped));
        Assert.Equal(2, Arm.Writes.Count);
        Assert.Equal(2, Arm.Writes.Select(w => w.PathAndQuery.Split('?')[0]).Distinct().Count());
        Assert.Equal(2, reports.Sum(r => r.WritesSent));
    }

    [Fact]
    public async Task AnArmFailure_IsRecordedWithItsDecision_AndDoesNotStopTheOthers()
    {
        _world.AddWorkload("alpha", "enforce", [Arm.AddVm("vm-a", "running", OptedIn())]);
        _world.AddWorkload("beta", "enforce", [Arm.AddVm("vm-b", "running", OptedIn())]);
        await _world.AddNightsAsync("alpha", 0.5m);
        await _world.AddNightsAsync("beta", 0.5m);
        Arm.RefuseWrites(409, "error-conflict.json", times: 1);

        var report = await _world.RunAsync();

        var failed = await _world.LatestDecisionAsync("alpha");
        Assert.Equal(DecisionOutcomeStatus.Failed, failed.OutcomeStatus);
        Assert.True(failed.WriteSent);
        var outcome = Assert.Single(failed.Outcomes);
        Assert.Equal((FleetActionStatus.Failed, 409, "OperationNotAllowed"), (outcome.Status, outcome.HttpStatus, outcome.ErrorCode));
        Assert.Equal("running", Arm.PowerStateOf("vm-a"));
        Assert.Equal("deallocated", Arm.PowerStateOf("vm-b"));
        Assert.Equal(DecisionOutcomeStatus.Succeeded, (await _world.LatestDecisionAsync("beta")).OutcomeStatus);
        Assert.Equal(JobStatus.Partial, report.Run.Status);
        Assert.Contains("alpha: vm-a: Failed 409 OperationNotAllowed", report.Run.Errors);
        var claim = await _world.Decisions.FindClaimAsync("alpha", failed.DecisionId);
        Assert.Equal(failed.Outcomes, claim!.Outcomes);
    }

    [Fact]
    public async Task EveryDecisionRow_HoldsItsInputs_AndIsStoredBeforeItsArmRequest()
    {
        var vm = Arm.AddVm("vm-a", "running", OptedIn());
        _world.AddWorkload("triage", "enforce", [vm]);
        await _world.AddNightsAsync("triage", 0.5m);
        var seenAtWrite = new ConcurrentQueue<StoredDecision?>();
        Arm.OnWrite = async (method, path) =>
        {
            // Read the table the moment the deallocate arrives, before ARM answers it.
            var rows = await _world.Decisions.ListAsync("triage", null, 10);
            seenAtWrite.Enqueue(rows.SingleOrDefault(r => r.Decision.ResourceIds.Split(';').Any(id => path.StartsWith(id + "/", StringComparison.OrdinalIgnoreCase))));
        };

        await _world.RunAsync();

        var atWrite = Assert.Single(seenAtWrite);
        Assert.NotNull(atWrite);
        Assert.Equal(DecisionOutcomeStatus.Pending, atWrite.OutcomeStatus);
        Assert.False(atWrite.WriteSent);
        var row = (await _world.LatestDecisionAsync("triage")).Decision;
        Assert.Equal(atWrite.Decision, row);
        Assert.Equal(("pause", "pause-below-break-even", "enforce", "enforce", "enforce"), (row.Action, row.Rule, row.Mode, row.GlobalMode, row.PolicyMode));
        Assert.Equal((0.15, 5, 72d, 0.9, 7d, true), (row.Band, row.ConsecutiveDays, row.CooldownHours, row.MinCompleteness, row.MaxPriceAgeDays, row.AllowDeallocateScarceSku));
        Assert.Equal((3, 0, 1, 6), (row.MaxActionsPerRun, row.ActionsAlreadyTaken, row.MinInstances, row.MaxInstances));
        Assert.Equal(AutopilotWorld.Now.AddDays(-1), row.PricesFetchedAt);
        Assert.Contains("demand 36,500/month is 50% below break-even 73,000", row.Reason, StringComparison.Ordinal);
        using var window = JsonDocument.Parse(row.WindowJson);
        var nights = window.RootElement.EnumerateArray().ToList();
        Assert.Equal(5, nights.Count);
        Assert.All(nights, n => Assert.Equal((0.5m, 73_000m, 36_500m, "below"), (
            n.GetProperty("demandRatio").GetDecimal(), n.GetProperty("breakEvenRequestsPerMonth").GetDecimal(),
            n.GetProperty("projectedRequestsPerMonth").GetDecimal(), n.GetProperty("signal").GetString())));
        using var targets = JsonDocument.Parse(row.TargetsJson);
        var target = Assert.Single(targets.RootElement.EnumerateArray().ToList());
        Assert.Equal((vm, "deallocate", "act", "running", true), (
            target.GetProperty("resourceId").GetString(), target.GetProperty("operation").GetString(), target.GetProperty("status").GetString(),
            target.GetProperty("powerState").GetString(), target.GetProperty("scarceSku").GetBoolean()));
    }

    [Fact]
    public async Task AScarceGpu_IsNotReleased_WithoutThePolicysConsent()
    {
        _world.AddWorkload("triage", "enforce", [Arm.AddVm("vm-a", "running", OptedIn())], allowScarce: false);
        await _world.AddNightsAsync("triage", 0.5m);

        await _world.RunAsync();

        Assert.Empty(Arm.Writes);
        var row = await _world.LatestDecisionAsync("triage");
        Assert.Equal(("hold", "scarce-sku", DecisionOutcomeStatus.Hold), (row.Decision.Action, row.Decision.BlockedBy, row.OutcomeStatus));
    }
}
