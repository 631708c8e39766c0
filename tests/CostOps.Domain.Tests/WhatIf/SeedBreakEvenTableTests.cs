using CostOps.Domain.WhatIf;

namespace CostOps.Domain.Tests.WhatIf;

public sealed class SeedBreakEvenTableTests
{
    [Theory]
    [InlineData(2.50, 15.00, 0.0100, 73_000.00)]
    [InlineData(0.75, 4.50, 0.0030, 243_333.33)]
    [InlineData(5.00, 25.00, 0.0175, 41_714.29)]
    public void SeedTable_Reproduces(decimal input, decimal output, decimal costPerRequest, decimal breakEven)
    {
        var result = BreakEvenCalculator.Evaluate(Scenarios.Seed(input, output));

        Assert.Equal(costPerRequest, result.ApiCostPerRequest.Usd);
        Assert.Equal(breakEven, Math.Round(result.BreakEvenRequestsPerMonth!.Value, 2));
        Assert.Equal(result.BreakEvenRequestsPerMonth!.Value * 1500m, result.BreakEvenTokensPerMonth);
    }

    [Fact]
    public void Savings_AtHundredThousand_AgainstGpt54_Are270PerMonth()
    {
        var result = BreakEvenCalculator.Evaluate(Scenarios.Seed());

        Assert.Equal(1000m, result.ApiMonthlyCost.Usd);
        Assert.Equal(730m, result.SelfHostedMonthlyCost.Usd);
        Assert.Equal(270m, result.MonthlySavings.Usd);
    }
}
