using CostOps.Domain.Autopilot;
using CostOps.Domain.Validation;
using static CostOps.Domain.Tests.Autopilot.AutopilotBuilders;

namespace CostOps.Domain.Tests.Autopilot;

public sealed class AutopilotValidationTests
{
    public static TheoryData<AutopilotPolicy, string> InvalidPolicies => new()
    {
        { new AutopilotPolicy { Band = -0.1m }, "workloads[0].autopilot.band" },
        { new AutopilotPolicy { Band = 1m }, "workloads[0].autopilot.band" },
        { new AutopilotPolicy { ConsecutiveDays = 0 }, "workloads[0].autopilot.consecutiveDays" },
        { new AutopilotPolicy { Cooldown = TimeSpan.FromHours(-1) }, "workloads[0].autopilot.cooldown" },
        { new AutopilotPolicy { MinCompleteness = 1.5m }, "workloads[0].autopilot.minCompleteness" },
        { new AutopilotPolicy { MaxPriceAge = TimeSpan.Zero }, "workloads[0].autopilot.maxPriceAge" },
        { new AutopilotPolicy { MinInstances = 0 }, "workloads[0].autopilot.minInstances" },
        { new AutopilotPolicy { MinInstances = 4, MaxInstances = 2 }, "workloads[0].autopilot.maxInstances" },
        { new AutopilotPolicy { Mode = (AutopilotMode)7 }, "workloads[0].autopilot.mode" },
    };

    [Theory]
    [MemberData(nameof(InvalidPolicies))]
    public void AnInvalidPolicy_IsRejected_NamingTheField(AutopilotPolicy policy, string field)
    {
        var error = Assert.Throws<DomainValidationException>(() =>
            AutopilotRules.Decide(Run(), [Workload(Nights(1m), [Vm()], policy)]));

        Assert.Contains(error.Errors, e => e.Field == field);
    }

    [Fact]
    public void APolicyMinimumAboveTheWorkloadMaximum_IsRejected()
    {
        var error = Assert.Throws<DomainValidationException>(() =>
            AutopilotRules.Decide(Run(), [Workload(Nights(1m), [Vm()], Enforce with { MinInstances = 8 })]));

        Assert.Contains(error.Errors, e => e.Field == "workloads[0].autopilot.maxInstances");
    }

    [Fact]
    public void TheSameWorkloadTwiceInARun_IsRejected()
    {
        var workload = Workload(Nights(1m), Vm());

        var error = Assert.Throws<DomainValidationException>(() => AutopilotRules.Decide(Run(), [workload, workload]));

        Assert.Contains(error.Errors, e => e.Field == "workloads[1].workloadId");
    }

    [Fact]
    public void TheSameResourceTwice_IsRejected_IgnoringCase()
    {
        var vm = Vm();
        var twin = vm with { Id = vm.Id.ToUpperInvariant() };

        var error = Assert.Throws<DomainValidationException>(() => AutopilotRules.Decide(Run(), [Workload(Nights(1m), vm, twin)]));

        Assert.Contains(error.Errors, e => e.Field == "workloads[0].resources[1].id");
    }

    [Fact]
    public void TwoRowsForOneDay_AreRejected()
    {
        var window = Nights(1m, 1m);
        window.Add(window[1]);

        var error = Assert.Throws<DomainValidationException>(() => AutopilotRules.Decide(Run(), [Workload(window, Vm())]));

        Assert.Contains(error.Errors, e => e.Field == "workloads[0].window");
    }

    [Fact]
    public void ANegativeBudget_IsRejected()
    {
        var error = Assert.Throws<DomainValidationException>(() => AutopilotRules.Decide(Run(maxActions: -1), [Workload(Nights(1m), Vm())]));

        Assert.Contains(error.Errors, e => e.Field == "run.maxActionsPerRun");
    }
}
