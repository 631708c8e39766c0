using CostOps.Domain.WhatIf;

namespace CostOps.Domain.Tests.WhatIf;

public sealed class BreakEvenSensitivityTests
{
    [Fact]
    public void Analyze_MovesEachFactorDownThenUp_InTheOrderOfTheEnum()
    {
        var points = BreakEvenSensitivity.Analyze(Scenarios.Seed());

        Assert.Equal(
            Enum.GetValues<SensitivityFactor>().SelectMany(f => new[] { (f, -0.25m), (f, 0.25m) }),
            points.Select(p => (p.Factor, p.Change)));
    }

    [Fact]
    public void ApiPrice_ScalesEveryPerTokenPrice_ButNotTheFixedFee()
    {
        var scenario = Scenarios.Seed() with
        {
            Api = Scenarios.Seed().Api with { CachedInputPerMTok = new(1m), FixedMonthly = new(50m) },
        };

        var scaled = BreakEvenSensitivity.Scale(scenario, SensitivityFactor.ApiPrice, 1.25m);

        Assert.Equal(3.125m, scaled.Api.InputPerMTok.UsdPerMillionTokens);
        Assert.Equal(18.75m, scaled.Api.OutputPerMTok.UsdPerMillionTokens);
        Assert.Equal(1.25m, scaled.Api.CachedInputPerMTok!.Value.UsdPerMillionTokens);
        Assert.Equal(50m, scaled.Api.FixedMonthly!.Value.Usd);
        Assert.Equal(scenario.SelfHosted, scaled.SelfHosted);
        Assert.Equal(scenario.Traffic, scaled.Traffic);
    }

    [Fact]
    public void EachFactor_ChangesOnlyItsOwnInputs()
    {
        var scenario = Scenarios.Seed();

        var gpu = BreakEvenSensitivity.Scale(scenario, SensitivityFactor.GpuPrice, 0.75m);
        var tokens = BreakEvenSensitivity.Scale(scenario, SensitivityFactor.TokensPerRequest, 0.75m);
        var throughput = BreakEvenSensitivity.Scale(scenario, SensitivityFactor.Throughput, 0.75m);

        Assert.Equal(0.75m, gpu.SelfHosted.GpuHourly.UsdPerHour);
        Assert.Equal(scenario with { SelfHosted = scenario.SelfHosted with { GpuHourly = gpu.SelfHosted.GpuHourly } }, gpu);
        Assert.Equal((750m, 375m), (tokens.Traffic.InputTokensPerRequest, tokens.Traffic.OutputTokensPerRequest));
        Assert.Equal(scenario with { Traffic = tokens.Traffic }, tokens);
        Assert.Equal(1875m, throughput.SelfHosted.TokensPerSecondPerInstance);
        Assert.Equal(scenario with { SelfHosted = throughput.SelfHosted }, throughput);
    }

    [Fact]
    public void CheaperGpus_LowerTheBreakEven_AndCheaperApis_RaiseIt()
    {
        var points = BreakEvenSensitivity.Analyze(Scenarios.Seed());
        var baseline = BreakEvenCalculator.Evaluate(Scenarios.Seed()).BreakEvenRequestsPerMonth!.Value;

        Assert.True(points.Single(p => p is { Factor: SensitivityFactor.GpuPrice, Change: < 0m }).Result.BreakEvenRequestsPerMonth < baseline);
        Assert.True(points.Single(p => p is { Factor: SensitivityFactor.ApiPrice, Change: < 0m }).Result.BreakEvenRequestsPerMonth > baseline);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-0.25)]
    public void AChangeOutsideZeroToOne_IsRefused(decimal change)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BreakEvenSensitivity.Analyze(Scenarios.Seed(), change));
    }
}
