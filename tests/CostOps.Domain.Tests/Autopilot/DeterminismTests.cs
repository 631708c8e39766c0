using CostOps.Domain.Autopilot;
using static CostOps.Domain.Tests.Autopilot.AutopilotBuilders;

namespace CostOps.Domain.Tests.Autopilot;

public sealed class DeterminismTests
{
    [Fact]
    public void TheSameInputsTwice_GiveEqualDecisionsAndIds()
    {
        var workloads = new[]
        {
            Workload(Low(), [Vm("vm-a"), Vm("vm-b", tags: new Dictionary<string, string>())], id: "a"),
            Workload(Nights(1.0m, 1.0m, 1.0m, 1.0m, 1.3m), [ScaleSet(capacity: 2)], id: "b", capacityPerInstance: 30_000m),
            Workload(Low(), [Vm("vm-c", lastActionAt: Now.AddHours(-5))], id: "c"),
        };

        var first = AutopilotRules.Decide(Run(maxActions: 1), workloads);
        var second = AutopilotRules.Decide(Run(maxActions: 1), workloads);

        Assert.Equal(first.Select(d => d.ToRecord()), second.Select(d => d.ToRecord()));
        Assert.Equal(first.Select(d => d.Id), second.Select(d => d.Id));
    }

    [Fact]
    public void TheOrderOfWorkloadsAndResources_DoesNotChangeTheDecisions()
    {
        var a = Workload(Low(), [Vm("vm-a2"), Vm("vm-a1")], id: "a");
        var b = Workload(Low(), [Vm("vm-b1")], id: "b");
        var aReordered = a with { Resources = [.. a.Resources.Reverse()] };

        var forward = AutopilotRules.Decide(Run(maxActions: 2), [a, b]);
        var backward = AutopilotRules.Decide(Run(maxActions: 2), [b, aReordered]);

        Assert.Equal(forward[0].ToRecord(), backward[1].ToRecord());
        Assert.Equal(forward[1].ToRecord(), backward[0].ToRecord());
    }

    [Fact]
    public void HistoryBeforeTheWindow_ChangesNothing()
    {
        var shortWindow = Decide(Workload(Low(), Vm()));
        var longWindow = Decide(Workload(Nights(1.5m, 1.5m, 1.5m, 0.5m, 0.5m, 0.5m, 0.5m, 0.5m), Vm()));

        Assert.Equal(shortWindow.ToRecord(), longWindow.ToRecord());
    }

    [Fact]
    public void TheId_IsThirtyTwoHexCharacters()
    {
        var decision = Decide(Workload(Low(), Vm()));

        Assert.Matches("^[0-9a-f]{32}$", decision.Id);
    }

    [Fact]
    public void TheId_IsTheSameInDryRunAndEnforce_ButDiffersByDayActionAndTargets()
    {
        var enforce = Decide(Workload(Low(), Vm()), Run(AutopilotMode.Enforce));
        var dryRun = Decide(Workload(Low(), Vm()), Run(AutopilotMode.DryRun));
        var nextDay = Decide(Workload(Nights([0.5m, 0.5m, 0.5m, 0.5m, 0.5m], Day.AddDays(1)), Vm()), Run(day: Day.AddDays(1), now: Now.AddDays(1)));
        var otherVm = Decide(Workload(Low(), Vm("vm-b")));
        var hold = Decide(Workload(Low(), Vm(state: VmPowerState.Deallocated)));

        Assert.Equal(enforce.Id, dryRun.Id);
        Assert.Equal(4, new[] { enforce.Id, nextDay.Id, otherVm.Id, hold.Id }.Distinct().Count());
    }

    [Fact]
    public void TheId_DoesNotDependOnTheClockReadingOfTheRun()
    {
        var early = Decide(Workload(Low(), Vm()), Run(now: Now));
        var late = Decide(Workload(Low(), Vm()), Run(now: Now.AddHours(3)));

        Assert.Equal(early.Id, late.Id);
    }
}
