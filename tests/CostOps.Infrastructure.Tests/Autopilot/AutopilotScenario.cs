using CostOps.Application.Ports;
using CostOps.Domain.Autopilot;
using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;
using CostOps.Domain.WhatIf;

namespace CostOps.Infrastructure.Tests.Autopilot;

/// <summary>
/// The lead's flow in miniature, for the actuator tests: read the fleet through the controller,
/// decide with the domain rules on a window of nights, then act on the decision.
/// </summary>
internal static class AutopilotScenario
{
    public static readonly DateOnly Day = new(2026, 11, 21);

    public static readonly DateTimeOffset Now = new(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);

    public static Dictionary<string, string> OptedIn() => new() { [AutopilotTags.OptInName] = AutopilotTags.OptInValue };

    /// <summary>Five complete nights at this demand ratio against a break-even of 73,000 requests/month.</summary>
    public static List<DailyTco> Nights(decimal ratio) =>
        Enumerable.Range(0, 5)
            .Select(i => new DailyTco(
                Day.AddDays(i - 4), 24m, new Money(24m), CostBasis.Estimated, Money.Zero, Money.Zero, Money.Zero, new Money(24m),
                ratio * 73_000m / 30.416667m, null, null, 0m, null, null, null,
                73_000m, ratio * 73_000m, ratio, false, false, 1m))
            .ToList();

    public static async Task<Decision> DecideAsync(
        IFleetController controller,
        IReadOnlyList<string> resourceIds,
        decimal ratio,
        AutopilotMode mode,
        decimal? capacityPerInstance = null)
    {
        var resources = new List<FleetResource>();
        foreach (var id in resourceIds)
        {
            var snapshot = await controller.ReadAsync(id);
            resources.Add(snapshot.ToFleetResource(scarceSku: false, lastActionAt: null));
        }
        var workload = new WorkloadAutopilotInput(
            "triage",
            new AutopilotPolicy { Mode = mode },
            new InstanceRange(1, 6),
            Nights(ratio),
            resources,
            Now.AddDays(-1),
            capacityPerInstance);
        return AutopilotRules.Decide(new AutopilotRun(Day, Now, AutopilotMode.Enforce), workload);
    }
}
