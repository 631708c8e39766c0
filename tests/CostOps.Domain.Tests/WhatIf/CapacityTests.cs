using CostOps.Domain.WhatIf;

namespace CostOps.Domain.Tests.WhatIf;

public sealed class CapacityTests
{
    // C = T * u * H * 3600 / ((i + o) * k) = 100 * 0.5 * 730 * 3600 / (1500 * 2) = 43,800 requests/month.
    private static WhatIfScenario Banded(decimal requests, int min = 1, int max = 4, decimal hourly = 1m) =>
        Scenarios.Seed(requests: requests) with
        {
            Traffic = new TrafficProfile(requests, 1000m, 500m, PeakToAverage: 2m),
            SelfHosted = Scenarios.SelfHosted(hourly, min, max, tokensPerSecond: 100m, utilization: 0.5m),
        };

    [Fact]
    public void CapacityPerInstance_FollowsTheFormula()
    {
        Assert.Equal(43_800m, BreakEvenCalculator.Evaluate(Banded(1m)).CapacityPerInstance);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(43_800, 1)]
    [InlineData(43_800.01, 2)]
    [InlineData(87_600, 2)]
    [InlineData(87_601, 3)]
    [InlineData(175_200, 4)]
    public void InstancesNeeded_IsCeilOfRequestsOverCapacity(decimal requests, int expected)
    {
        var result = BreakEvenCalculator.Evaluate(Banded(requests));

        Assert.Equal(expected, result.InstancesNeeded);
        Assert.False(result.CapacityExceeded);
    }

    [Fact]
    public void InstancesNeeded_NeverBelowMin_EvenAtZeroRequests()
    {
        var result = BreakEvenCalculator.Evaluate(Banded(0m, min: 2));

        Assert.Equal(2, result.InstancesNeeded);
        Assert.Equal(2m * 730m, result.SelfHostedMonthlyCost.Usd);
    }

    [Fact]
    public void CapacityExceeded_ReportsCostAtMaxInstances()
    {
        var result = BreakEvenCalculator.Evaluate(Banded(175_201m));

        Assert.True(result.CapacityExceeded);
        Assert.Equal(4, result.InstancesNeeded);
        Assert.Equal(4m * 730m, result.SelfHostedMonthlyCost.Usd);
    }
}
