using CostOps.Domain.Autopilot;
using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;
using CostOps.Domain.WhatIf;

namespace CostOps.Domain.Tests.Autopilot;

/// <summary>
/// Builders for autopilot inputs: nights at a given demand ratio against the seed's break-even
/// (73,000 requests/month), opted-in VMs and scale sets, and a run on the night of 2026-11-21.
/// </summary>
internal static class AutopilotBuilders
{
    public const decimal BreakEven = 73_000m;

    public const string Subscription = "/subscriptions/6f1c2e8a-4b7d-4c1e-9a55-0e2b9d7c1a10/resourceGroups/gpu-rg/providers/Microsoft.Compute";

    public static readonly DateOnly Day = new(2026, 11, 21);

    /// <summary>The nightly run after <see cref="Day"/>.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset FreshPrices = Now.AddDays(-1);

    public static string VmId(string name) => $"{Subscription}/virtualMachines/{name}";

    public static string ScaleSetId(string name) => $"{Subscription}/virtualMachineScaleSets/{name}";

    public static Dictionary<string, string> OptedIn(params (string Name, string Value)[] more)
    {
        var tags = new Dictionary<string, string> { [AutopilotTags.OptInName] = AutopilotTags.OptInValue };
        foreach (var (name, value) in more)
        {
            tags[name] = value;
        }
        return tags;
    }

    public static FleetResource Vm(
        string name = "vm-a",
        VmPowerState state = VmPowerState.Running,
        IReadOnlyDictionary<string, string>? tags = null,
        DateTimeOffset? lastActionAt = null,
        bool scarce = false) =>
        FleetResource.VirtualMachine(VmId(name), state, tags ?? OptedIn(), "Standard_NC40ads_H100_v5", scarce, lastActionAt);

    public static FleetResource ScaleSet(
        string name = "vmss-a",
        int? capacity = 2,
        IReadOnlyDictionary<string, string>? tags = null,
        DateTimeOffset? lastActionAt = null,
        bool scarce = false) =>
        FleetResource.ScaleSet(ScaleSetId(name), capacity, tags ?? OptedIn(), "Standard_NC40ads_H100_v5", scarce, lastActionAt);

    /// <summary>One stored night: demand = ratio x break-even.</summary>
    public static DailyTco Night(DateOnly day, decimal ratio, decimal completeness = 1m) =>
        Row(day, BreakEven, ratio * BreakEven, ratio, neverBreaksEven: false, completeness);

    /// <summary>A night on which self-hosting never breaks even (break-even and ratio null).</summary>
    public static DailyTco NeverNight(DateOnly day, decimal completeness = 1m) =>
        Row(day, null, 20_000m, null, neverBreaksEven: true, completeness);

    public static DailyTco Row(DateOnly day, decimal? breakEven, decimal? projected, decimal? ratio, bool neverBreaksEven, decimal completeness) =>
        new(
            Day: day,
            GpuHours: 24m,
            GpuCost: new Money(24m),
            CostBasis: CostBasis.Estimated,
            Recurring: Money.Zero,
            Retrain: Money.Zero,
            Amortized: Money.Zero,
            SelfHostedCost: new Money(24m),
            Requests: projected / 30.416667m,
            InputTokens: null,
            OutputTokens: null,
            ApiRequests: 0m,
            ApiEquivalentCost: null,
            ApiActualCost: null,
            Savings: null,
            BreakEvenRequestsPerMonth: breakEven,
            ProjectedRequestsPerMonth: projected,
            DemandRatio: ratio,
            NeverBreaksEven: neverBreaksEven,
            CapacityExceeded: false,
            Completeness: completeness);

    /// <summary>Nights at these ratios, the last one on <paramref name="lastDay"/> (default <see cref="Day"/>).</summary>
    public static List<DailyTco> Nights(IEnumerable<decimal> ratios, DateOnly? lastDay = null)
    {
        var list = ratios.ToList();
        var end = lastDay ?? Day;
        return list.Select((ratio, i) => Night(end.AddDays(i - list.Count + 1), ratio)).ToList();
    }

    public static List<DailyTco> Nights(params decimal[] ratios) => Nights((IEnumerable<decimal>)ratios);

    /// <summary>Five nights at half the break-even demand: a pause, guardrails permitting.</summary>
    public static List<DailyTco> Low() => Nights(0.5m, 0.5m, 0.5m, 0.5m, 0.5m);

    public static AutopilotPolicy Enforce { get; } = new() { Mode = AutopilotMode.Enforce };

    public static WorkloadAutopilotInput Workload(
        IReadOnlyList<DailyTco> window,
        IReadOnlyList<FleetResource> resources,
        AutopilotPolicy? policy = null,
        string id = "triage",
        DateTimeOffset? pricesFetchedAt = null,
        decimal? capacityPerInstance = null,
        InstanceRange? instances = null) =>
        new(
            id,
            policy ?? Enforce,
            instances ?? new InstanceRange(1, 6),
            window,
            resources,
            pricesFetchedAt ?? FreshPrices,
            capacityPerInstance);

    public static WorkloadAutopilotInput Workload(IReadOnlyList<DailyTco> window, params FleetResource[] resources) =>
        Workload(window, (IReadOnlyList<FleetResource>)resources);

    public static AutopilotRun Run(AutopilotMode global = AutopilotMode.Enforce, int maxActions = 3, int alreadyTaken = 0, DateOnly? day = null, DateTimeOffset? now = null) =>
        new(day ?? Day, now ?? Now, global, maxActions, alreadyTaken);

    public static Decision Decide(WorkloadAutopilotInput workload, AutopilotRun? run = null) =>
        AutopilotRules.Decide(run ?? Run(), workload);

    public static ResourceTarget Target(this Decision decision, string name) =>
        decision.Targets.Single(t => t.Resource.Name == name);
}
