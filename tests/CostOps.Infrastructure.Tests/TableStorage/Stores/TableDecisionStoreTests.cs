using Azure.Data.Tables;
using CostOps.Application.Ports;
using CostOps.Application.Results;
using CostOps.Domain.Autopilot;
using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;
using CostOps.Domain.WhatIf;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport.Azurite;
using Microsoft.Extensions.Time.Testing;

namespace CostOps.Infrastructure.Tests.TableStorage.Stores;

[Collection(AzuriteFixture.CollectionName)]
public sealed class TableDecisionStoreTests(AzuriteFixture azurite)
{
    private static readonly DateOnly s_day = new(2026, 11, 21);
    private static readonly DateTimeOffset s_now = new(2026, 11, 22, 2, 30, 0, TimeSpan.Zero);

    private static string Vm(string name) =>
        $"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/gpu/providers/Microsoft.Compute/virtualMachines/{name}";

    /// <summary>A real decision from the rules: pause one opted-in VM of <paramref name="workload"/>, evaluated at <paramref name="at"/>.</summary>
    private static Decision Pause(string workload, DateTimeOffset at, AutopilotMode mode = AutopilotMode.Enforce, decimal? capacity = 21_024m)
    {
        var nights = Enumerable.Range(0, 5).Select(i => new DailyTco(
            s_day.AddDays(-i), 24m, new Money(24m), CostBasis.Estimated, Money.Zero, Money.Zero, Money.Zero, new Money(24m),
            1200m, 1_200_000m, 600_000m, 0m, null, null, null, 73_000m, 36_500m, 0.5m, false, false, 1m)).ToList();
        var vm = FleetResource.VirtualMachine(Vm($"{workload}-vm"), VmPowerState.Running, new Dictionary<string, string> { ["costops-autopilot"] = "enabled" }, "Standard_NC8as_T4_v3");
        var input = new WorkloadAutopilotInput(
            workload, new AutopilotPolicy { Mode = mode }, new InstanceRange(1, 4), nights, [vm], at.AddDays(-1), capacity);
        return AutopilotRules.Decide(new AutopilotRun(s_day, at, AutopilotMode.Enforce), input);
    }

    private async Task<TableDecisionStore> StoreAsync(TimeProvider? time = null)
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        return new TableDecisionStore(tables.Table, time ?? new FakeTimeProvider(s_now));
    }

    private static FleetActionOutcome Outcome(string resourceId, FleetActionStatus status, bool sent, int? http = null) => new(
        resourceId, TargetOperation.Deallocate, null, status, sent, "running", status == FleetActionStatus.Succeeded ? "deallocated" : "running",
        http, http is null ? null : "Conflict", "deallocate: running -> deallocated", s_now.AddMinutes(1), s_now.AddMinutes(3));

    [Fact]
    public async Task ADecision_RoundTripsEveryField()
    {
        var store = await StoreAsync();
        var decision = Pause("alpha", s_now);
        var stored = StoredDecision.BeforeActing(decision, "run-1");

        await store.RecordAsync([stored]);
        var read = Assert.Single(await store.ListAsync("alpha", null, 10));

        Assert.Equal(stored.Decision, read.Decision);
        Assert.Equal(decision.ToRecord(), read.Decision);
        Assert.Equal("run-1", read.RunId);
        Assert.Equal(DecisionOutcomeStatus.Pending, read.OutcomeStatus);
        Assert.False(read.WriteSent);
        Assert.Empty(read.Outcomes);
        Assert.Null(read.CompletedAt);
    }

    [Fact]
    public async Task UnknownFigures_StayUnknown()
    {
        var store = await StoreAsync();
        var stored = StoredDecision.BeforeActing(Pause("alpha", s_now, capacity: null), "run-1");

        await store.RecordAsync([stored]);
        var read = Assert.Single(await store.ListAsync("alpha", null, 10));

        Assert.Null(read.Decision.CapacityPerInstance);
        Assert.Equal(stored.Decision, read.Decision);
    }

    [Fact]
    public async Task Rows_AreKeyedByWorkload_AndInvertedTicksThenId_NewestFirst()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var store = new TableDecisionStore(tables.Table, new FakeTimeProvider(s_now));
        var early = Pause("alpha", s_now);
        var late = Pause("alpha", s_now.AddMinutes(30));

        await store.RecordAsync([StoredDecision.BeforeActing(early, "run-1"), StoredDecision.BeforeActing(late, "run-2")]);
        var entities = new List<TableEntity>();
        await foreach (var entity in tables.Table.QueryAsync<TableEntity>())
        {
            entities.Add(entity);
        }

        Assert.Equal(["alpha", "alpha"], entities.Select(e => e.PartitionKey));
        Assert.Equal($"{InvertedTicks.For(late.EvaluatedAt)}-{late.Id}", entities[0].RowKey);
        Assert.Equal($"{InvertedTicks.For(early.EvaluatedAt)}-{early.Id}", entities[1].RowKey);
        Assert.Equal("decision", entities[0].GetString("RowType"));
        Assert.Equal("pause-below-break-even", entities[0].GetString("Rule"));
        Assert.Equal(0.15, entities[0].GetDouble("Band"));
        Assert.Equal(5, entities[0].GetInt32("ConsecutiveDays"));
        Assert.True(entities[0].GetBoolean("WillAct"));
    }

    [Fact]
    public async Task ADecisionId_IsClaimedOnce_EvenWhenRunsRace()
    {
        var store = await StoreAsync();
        var stored = StoredDecision.BeforeActing(Pause("alpha", s_now), "run-1");
        await store.RecordAsync([stored]);

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => store.TryClaimAsync(stored with { RunId = $"run-{i}" })));

        Assert.Single(claims, c => c);
        var claim = await store.FindClaimAsync("alpha", stored.DecisionId);
        Assert.NotNull(claim);
        Assert.Equal(s_day, claim.Day);
        Assert.Equal(s_now, claim.ClaimedAt);
        Assert.Equal([Vm("alpha-vm")], claim.TargetResourceIds);
        Assert.Null(claim.Outcomes);
        Assert.Equal([(Vm("alpha-vm"), s_now)], claim.Writes);
    }

    [Fact]
    public async Task AnOutcome_IsWrittenToTheRowAndToTheClaim()
    {
        var store = await StoreAsync();
        var stored = StoredDecision.BeforeActing(Pause("alpha", s_now), "run-1");
        await store.RecordAsync([stored]);
        await store.TryClaimAsync(stored);
        var vm = Vm("alpha-vm");
        var done = stored.WithOutcomes([Outcome(vm, FleetActionStatus.Failed, true, 409)], s_now.AddMinutes(3));

        await store.RecordOutcomeAsync(done);
        var row = Assert.Single(await store.ListAsync("alpha", null, 10));
        var claim = await store.FindClaimAsync("alpha", stored.DecisionId);

        Assert.Equal(DecisionOutcomeStatus.Failed, row.OutcomeStatus);
        Assert.True(row.WriteSent);
        Assert.Equal(s_now.AddMinutes(3), row.CompletedAt);
        Assert.Equal(done.Outcomes, row.Outcomes);
        Assert.Equal(done.Decision, row.Decision);
        Assert.Equal(done.Outcomes, claim!.Outcomes);
        Assert.Equal([(vm, s_now.AddMinutes(3))], claim.Writes);
    }

    [Fact]
    public async Task Claims_AreListedPerWorkload_AndNeverAsDecisions()
    {
        var store = await StoreAsync();
        var alpha = StoredDecision.BeforeActing(Pause("alpha", s_now), "run-1");
        var beta = StoredDecision.BeforeActing(Pause("beta", s_now), "run-1");
        await store.RecordAsync([alpha, beta]);
        await store.TryClaimAsync(alpha);
        await store.TryClaimAsync(beta);

        var claims = await store.ListClaimsAsync("alpha");
        var decisions = await store.ListAsync(null, null, 10);

        Assert.Equal([alpha.DecisionId], claims.Select(c => c.DecisionId));
        Assert.Equal(2, decisions.Count);
        Assert.Null(await store.FindClaimAsync("alpha", beta.DecisionId));
    }

    [Fact]
    public async Task TheAuditTrail_FiltersByWorkloadAndTime_NewestFirst_UpToTop()
    {
        var store = await StoreAsync();
        var rows = new[]
        {
            StoredDecision.BeforeActing(Pause("alpha", s_now.AddDays(-2)), "run-a"),
            StoredDecision.BeforeActing(Pause("beta", s_now.AddDays(-1)), "run-b"),
            StoredDecision.BeforeActing(Pause("alpha", s_now), "run-c"),
            StoredDecision.BeforeActing(Pause("gamma", s_now.AddHours(1)), "run-d"),
        };
        await store.RecordAsync(rows);

        var all = await store.ListAsync(null, null, 10);
        var alpha = await store.ListAsync("alpha", null, 10);
        var recent = await store.ListAsync(null, s_now.AddDays(-1), 10);
        var recentAlpha = await store.ListAsync("alpha", s_now.AddHours(-1), 10);
        var top2 = await store.ListAsync(null, null, 2);

        Assert.Equal(["run-d", "run-c", "run-b", "run-a"], all.Select(r => r.RunId));
        Assert.Equal(["run-c", "run-a"], alpha.Select(r => r.RunId));
        Assert.Equal(["run-d", "run-c", "run-b"], recent.Select(r => r.RunId));
        Assert.Equal(["run-c"], recentAlpha.Select(r => r.RunId));
        Assert.Equal(["run-d", "run-c"], top2.Select(r => r.RunId));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ListAsync(null, null, 0));
    }

    [Fact]
    public async Task RecordingTheSameEvaluationAgain_ReplacesItsRow()
    {
        var store = await StoreAsync();
        var stored = StoredDecision.BeforeActing(Pause("alpha", s_now), "run-1");
        await store.RecordAsync([stored]);

        await store.RecordAsync([stored with { OutcomeStatus = DecisionOutcomeStatus.AlreadyActed }]);
        var read = Assert.Single(await store.ListAsync("alpha", null, 10));

        Assert.Equal(DecisionOutcomeStatus.AlreadyActed, read.OutcomeStatus);
    }
}
