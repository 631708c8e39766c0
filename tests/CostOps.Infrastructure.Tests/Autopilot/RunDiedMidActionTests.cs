using CostOps.Application.Autopilot;
using CostOps.Application.Jobs;
using CostOps.Application.Ports;
using CostOps.Application.Telemetry;
using CostOps.Domain.Autopilot;
using CostOps.TestSupport.Azurite;
using Microsoft.Extensions.Logging.Abstractions;
using static CostOps.Infrastructure.Tests.Autopilot.AutopilotScenario;

namespace CostOps.Infrastructure.Tests.Autopilot;

/// <summary>
/// A run that dies between claiming a decision and acting on it (here: frozen inside the ARM call, holding the lease,
/// as a killed worker would leave it): its Runs row says Running, the next run while the lease holds does nothing,
/// and the run after the lease expired finds the first one abandoned and still sends no write (the claim stands).
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class RunDiedMidActionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private AutopilotWorld _world = null!;

    public async Task InitializeAsync() => _world = await AutopilotWorld.StartAsync(azurite);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task ARunThatDiedBetweenClaimAndAction_IsFoundAbandoned_AndNoActionIsEverSentTwiceOrBehindItsBack()
    {
        _world.AddWorkload("triage", "enforce", [_world.Arm.AddVm("vm-a", "running", OptedIn())]);
        await _world.AddNightsAsync("triage", 0.5m);
        var frozen = new FrozenController(_world.Arm.CreateController());
        using var kill = new CancellationTokenSource();
        var dying = new AutopilotRunner(
            _world.Planner(), _world.Decisions, frozen, _world.Leases, _world.Runs, new UpstreamCallCounter(), _world.Time,
            Microsoft.Extensions.Options.Options.Create(_world.Options), NullLogger<AutopilotRunner>.Instance).RunAsync(new AutopilotRunRequest("timer"), kill.Token);
        await frozen.Reached.Task.WaitAsync(TimeSpan.FromMinutes(1));

        try
        {
            var first = Assert.Single(await _world.Runs.ListAsync(AutopilotJob.Name, 5));
            Assert.Equal(JobStatus.Running, first.Status);
            var claimed = await _world.LatestDecisionAsync("triage");
            Assert.NotNull(await _world.Decisions.FindClaimAsync("triage", claimed.DecisionId));

            // While the dead run's lease holds, a second run does nothing at all.
            _world.Time.Advance(TimeSpan.FromMinutes(5));
            var blocked = await _world.RunAsync();
            Assert.True(blocked.Skipped);

            // After the lease (1 h) and the function timeout (30 min): the next run takes over.
            _world.Time.Advance(TimeSpan.FromMinutes(60));
            var next = await _world.RunAsync();

            Assert.False(next.Skipped);
            Assert.Empty(_world.Arm.Writes);
            Assert.Equal("running", _world.Arm.PowerStateOf("vm-a"));
            // The claim counts as an action taken (it may have been sent before the process died): the rule holds, not repeats.
            var decision = Assert.Single(next.Workloads).Decision;
            Assert.Equal(DecisionAction.Hold, decision.Action);
            Assert.Contains("held: vm-a was changed 1.1 h ago; cooldown is 72 h", decision.Reason, StringComparison.Ordinal);
            var dead = (await _world.Runs.ListAsync(AutopilotJob.Name, 5)).Single(r => r.RunId == first.RunId);
            Assert.Equal(JobStatus.Abandoned, dead.Status);
            Assert.Contains(dead.Errors, e => e.Contains($"found by run {next.Run.RunId}", StringComparison.Ordinal));
            Assert.Contains(next.Run.Outcomes, o => o.StartsWith($"found abandoned run {first.RunId}", StringComparison.Ordinal));
        }
        finally
        {
            await kill.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dying);
        }
    }

    /// <summary>Reads as the real controller; any write freezes until cancelled, as a process killed mid-call.</summary>
    private sealed class FrozenController(IFleetController inner) : IFleetController
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<FleetResourceSnapshot> ReadAsync(string resourceId, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(resourceId, cancellationToken);

        public async Task<FleetActionOutcome> ApplyAsync(ResourceTarget target, AutopilotMode mode, CancellationToken cancellationToken = default)
        {
            Reached.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable: the delay only ends by cancellation");
        }
    }
}
