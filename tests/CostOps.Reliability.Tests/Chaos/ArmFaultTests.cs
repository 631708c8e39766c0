using CostOps.Application.Results;
using CostOps.TestSupport.Azurite;
using Xunit.Abstractions;

namespace CostOps.Reliability.Tests.Chaos;

/// <summary>
/// ARM failing between the Decisions rows being written and the actions being sent: 500, 409 and a write that never
/// answers, and the CLI SIGKILLed at a seeded write. No VM gets an action twice, every decision of a run that lived gets
/// its outcome, and a re-run acts only where no earlier run may have.
/// </summary>
[Trait("Category", "Chaos")]
[Collection(AzuriteFixture.CollectionName)]
public sealed class ArmFaultTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task Arm500_409AndTimeout_AreRecordedAsEachDecisionsOutcome_AndTheRerunSendsNothingAgain()
    {
        await using var world = await AutopilotCliWorld.StartAsync(azurite);
        await world.AddWorkloadAsync("vm-ok");
        await world.AddWorkloadAsync("vm-500", ArmFault.ServerError);
        await world.AddWorkloadAsync("vm-409", ArmFault.Conflict);
        await world.AddWorkloadAsync("vm-timeout", ArmFault.Timeout);

        var first = await world.RunAsync();
        output.WriteLine($"first run: exit {first.ExitCode}\n{first.Out}\n{first.Error}");
        var firstDecisions = await world.DecisionsAsync();
        var writes = world.ArmFake.Writes.Count;

        Assert.Equal(4, firstDecisions.Count);
        Assert.DoesNotContain(firstDecisions, d => d.OutcomeStatus == DecisionOutcomeStatus.Pending);
        Assert.Equal(DecisionOutcomeStatus.Succeeded, Outcome(firstDecisions, "vm-ok"));
        foreach (var failing in (string[])["vm-500", "vm-409", "vm-timeout"])
        {
            Assert.Equal(DecisionOutcomeStatus.Failed, Outcome(firstDecisions, failing));
            Assert.Equal("running", world.ArmFake.PowerStateOf(failing));
        }
        Assert.Equal("deallocated", world.ArmFake.PowerStateOf("vm-ok"));
        Assert.NotEqual(0, first.ExitCode);

        world.ArmFake.Heal();
        var second = await world.RunAsync();
        output.WriteLine($"second run: exit {second.ExitCode}\n{second.Out}\n{second.Error}");
        var secondDecisions = (await world.DecisionsAsync()).Where(d => !firstDecisions.Any(f => f.RunId == d.RunId)).ToList();

        // ARM is healthy now, but a claimed decision whose write may have reached ARM is never sent again that night.
        Assert.Equal(writes, world.ArmFake.Writes.Count);
        Assert.Equal(4, secondDecisions.Count);
        Assert.DoesNotContain(secondDecisions, d => d.OutcomeStatus == DecisionOutcomeStatus.Pending);
        foreach (var vm in (string[])["vm-ok", "vm-500", "vm-409", "vm-timeout"])
        {
            Assert.True(world.ArmFake.AcceptedWritesTo(vm) <= 1, $"{vm} was acted on {world.ArmFake.AcceptedWritesTo(vm)} times");
        }
    }

    [Fact]
    public async Task ARunKilledAtARandomWrite_IsNeverRepeated_AndTheRerunFinishesOnlyTheDecisionsNoRunClaimed()
    {
        var seed = ChaosSeed.Next();
        output.WriteLine(ChaosSeed.Describe(seed));
        var killAtWrite = new Random(seed).Next(1, 4);
        await using var world = await AutopilotCliWorld.StartAsync(azurite);
        string[] vms = ["vm-a", "vm-b", "vm-c"];
        foreach (var vm in vms)
        {
            await world.AddWorkloadAsync(vm);
        }

        using var dying = world.StartRun();
        var written = new List<string>();
        string? killedAt = null;
        world.ArmFake.OnWrite = vm =>
        {
            written.Add(vm);
            if (written.Count == killAtWrite)
            {
                // The write arrives and never completes; the process dies with it in flight.
                killedAt = vm;
                world.ArmFake.SetFault(vm, ArmFault.Timeout);
                dying.Kill();
            }
            return Task.CompletedTask;
        };
        await dying.WaitAsync(TimeSpan.FromSeconds(90));
        world.ArmFake.OnWrite = null;
        output.WriteLine($"killed at write {killAtWrite} ({killedAt}); written before: {string.Join(", ", written)}");
        Assert.NotNull(killedAt);
        var dead = await world.DecisionsAsync();
        // Every decision was on record before the first write; the one in flight is still pending.
        Assert.Equal(3, dead.Count);
        Assert.Equal(DecisionOutcomeStatus.Pending, dead.Single(d => d.WorkloadId == killedAt).OutcomeStatus);

        var whileLeased = await world.RunAsync();
        Assert.Contains("another run holds the lease", whileLeased.Out + whileLeased.Error, StringComparison.Ordinal);
        Assert.Equal(written.Count, world.ArmFake.Writes.Count);

        await world.ExpireLeaseAsync();
        world.ArmFake.Heal();
        var rerun = await world.RunAsync();
        output.WriteLine($"re-run: exit {rerun.ExitCode}\n{rerun.Out}\n{rerun.Error}");
        var rerunDecisions = (await world.DecisionsAsync()).Where(d => !dead.Any(x => x.RunId == d.RunId)).ToList();

        Assert.DoesNotContain(rerunDecisions, d => d.OutcomeStatus == DecisionOutcomeStatus.Pending);
        foreach (var vm in vms)
        {
            var before = written.Take(killAtWrite - 1).Contains(vm);
            if (vm == killedAt)
            {
                // Its write may have reached ARM: holding is the safe side, never a second try.
                Assert.Equal(0, world.ArmFake.AcceptedWritesTo(vm));
                Assert.Equal("running", world.ArmFake.PowerStateOf(vm));
            }
            else
            {
                Assert.Equal(1, world.ArmFake.AcceptedWritesTo(vm));
                Assert.Equal("deallocated", world.ArmFake.PowerStateOf(vm));
                Assert.Equal(before ? DecisionOutcomeStatus.Hold : DecisionOutcomeStatus.Succeeded, Outcome(rerunDecisions, vm));
            }
        }
    }

    private static DecisionOutcomeStatus Outcome(IEnumerable<StoredDecision> decisions, string workloadId) =>
        decisions.Single(d => d.WorkloadId == workloadId).OutcomeStatus;
}
