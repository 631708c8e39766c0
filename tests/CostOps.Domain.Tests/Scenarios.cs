using CostOps.Domain.Pricing;
using CostOps.Domain.WhatIf;

namespace CostOps.Domain.Tests;

/// <summary>Builders for scenarios: the seed's break-even setup, varied one field at a time.</summary>
internal static class Scenarios
{
    /// <summary>1,000 in / 500 out tokens, one instance at $1.00/h x 730 h, no other cost (seed 001).</summary>
    public static WhatIfScenario Seed(decimal inputPerMTok = 2.50m, decimal outputPerMTok = 15.00m, decimal requests = 100_000m) =>
        new(
            new TrafficProfile(requests, 1000m, 500m),
            new ApiOption(new PricePerMTok(inputPerMTok), new PricePerMTok(outputPerMTok)),
            SelfHosted());

    public static SelfHostedOption SelfHosted(
        decimal hourly = 1.00m,
        int min = 1,
        int max = 1,
        decimal tokensPerSecond = 2500m,
        decimal utilization = 0.8m) =>
        new(
            new HourlyRate(hourly),
            new InstanceRange(min, max),
            tokensPerSecond,
            utilization,
            730m,
            RecurringCosts.None,
            RetrainingPlan.Never,
            OneOffCosts.None,
            12m);

    public static OneOffCosts OneOff(decimal training) =>
        OneOffCosts.None with { Training = new Money(training) };

    public static RecurringCosts Recurring(decimal monitoring, decimal evaluation = 0m, decimal engineering = 0m, decimal other = 0m) =>
        new(new Money(monitoring), new Money(evaluation), new Money(engineering), new Money(other));
}
