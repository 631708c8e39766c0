using CostOps.Application.PriceBook;
using CostOps.Application.WhatIf;
using CostOps.Domain.Validation;

namespace CostOps.Application.Tests.WhatIf;

public sealed class ScenarioReaderTests
{
    private const string Valid = """
        {
          "traffic": { "requestsPerMonth": 100000, "inputTokensPerRequest": 1000, "outputTokensPerRequest": 500 },
          "api": { "inputPerMTok": 2.5, "outputPerMTok": 15 },
          "selfHosted": { "gpuHourly": 1.0, "tokensPerSecondPerInstance": 2500, "targetUtilization": 0.8 }
        }
        """;

    private static readonly Domain.Pricing.PriceBook s_book = PriceBookReader.LoadDefault();

    private static DomainValidationException Rejected(string json) =>
        Assert.Throws<DomainValidationException>(() => ScenarioReader.Parse(json, s_book));

    [Fact]
    public void Defaults_FollowEconomics()
    {
        var scenario = ScenarioReader.Parse(Valid, s_book);

        Assert.Equal(0m, scenario.Traffic.CachedInputShare);
        Assert.Equal(1m, scenario.Traffic.PeakToAverage);
        Assert.Equal(0m, scenario.Traffic.GrowthPerMonth);
        Assert.Equal(2.5m, scenario.Api.EffectiveCachedInputPerMTok.UsdPerMillionTokens);
        Assert.Equal(1m, scenario.Api.PriceMultiplier);
        Assert.Equal(0m, scenario.Api.EffectiveFixedMonthly.Usd);
        Assert.Equal(1, scenario.SelfHosted.Instances.Min);
        Assert.Equal(1, scenario.SelfHosted.Instances.Max);
        Assert.Equal(730m, scenario.SelfHosted.HoursPerMonth);
        Assert.Equal(0m, scenario.SelfHosted.OneOff.Total.Usd);
    }

    [Fact]
    public void InstancesMax_DefaultsToMin()
    {
        var scenario = ScenarioReader.Parse(Valid.Replace("\"targetUtilization\": 0.8", "\"targetUtilization\": 0.8, \"instances\": { \"min\": 3 }", StringComparison.Ordinal), s_book);

        Assert.Equal(3, scenario.SelfHosted.Instances.Max);
    }

    [Theory]
    [InlineData("\"requestsPerMonth\": 100000", "\"requestsPerMonth\": -1", "traffic.requestsPerMonth")]
    [InlineData("\"requestsPerMonth\": 100000", "\"requestsPerMonth\": 1e400", "traffic.requestsPerMonth")]
    [InlineData("\"requestsPerMonth\": 100000", "\"requestsPerMonth\": \"lots\"", "traffic.requestsPerMonth")]
    [InlineData("\"requestsPerMonth\": 100000, ", "", "traffic.requestsPerMonth")]
    [InlineData("\"outputTokensPerRequest\": 500", "\"outputTokensPerRequest\": 500, \"peakFactor\": 2", "traffic.peakFactor")]
    [InlineData("\"targetUtilization\": 0.8", "\"targetUtilization\": 1.2", "selfHosted.targetUtilization")]
    [InlineData("\"targetUtilization\": 0.8", "\"targetUtilization\": 0", "selfHosted.targetUtilization")]
    [InlineData("\"targetUtilization\": 0.8", "\"targetUtilization\": 0.8, \"instances\": { \"min\": 3, \"max\": 2 }", "selfHosted.instances.max")]
    [InlineData("\"targetUtilization\": 0.8", "\"targetUtilization\": 0.8, \"instances\": { \"min\": 1.5 }", "selfHosted.instances.min")]
    [InlineData("\"gpuHourly\": 1.0", "\"gpuHourly\": -1.0", "selfHosted.gpuHourly")]
    [InlineData("\"inputPerMTok\": 2.5", "\"inputPerMTok\": -2.5", "api.inputPerMTok")]
    [InlineData("\"inputPerMTok\": 2.5", "\"model\": \"gpt-9\"", "api.model")]
    [InlineData("\"gpuHourly\": 1.0", "\"gpuSku\": \"Standard_Nope\"", "selfHosted.gpuSku")]
    [InlineData("\"targetUtilization\": 0.8", "\"targetUtilization\": 0.8, \"oneOff\": { \"training\": 500 }", "selfHosted.amortizationMonths")]
    public void BadInput_IsRejected_NamingTheField(string replace, string with, string field)
    {
        var error = Rejected(Valid.Replace(replace, with, StringComparison.Ordinal));

        Assert.Contains(error.Errors, e => e.Field == field);
    }

    [Fact]
    public void UnknownTopLevelField_IsRejected()
    {
        var error = Rejected(Valid.Replace("\"traffic\":", "\"trafic\": {}, \"traffic\":", StringComparison.Ordinal));

        Assert.Contains(error.Errors, e => e.Field == "trafic" && e.Message == "unknown field");
    }

    [Fact]
    public void MalformedJson_SaysWhere()
    {
        var error = Rejected("{ \"traffic\": { \"requestsPerMonth\": 1,, } }");

        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryMissingField_IsReportedAtOnce_WithTheRulesTheGivenFieldsBreak()
    {
        var error = Rejected("""{ "traffic": { "requestsPerMonth": 10 }, "api": {}, "selfHosted": { "targetUtilization": 3 } }""");

        Assert.Equal(
            ["traffic.inputTokensPerRequest", "traffic.outputTokensPerRequest", "api.inputPerMTok", "api.outputPerMTok", "selfHosted.gpuHourly",
             "selfHosted.tokensPerSecondPerInstance", "selfHosted.targetUtilization"],
            error.Errors.Select(e => e.Field));
    }

    [Fact]
    public void EveryRuleBroken_IsReportedAtOnce_OnceTheShapeIsRight()
    {
        var error = Rejected(Valid
            .Replace("\"requestsPerMonth\": 100000", "\"requestsPerMonth\": -1", StringComparison.Ordinal)
            .Replace("\"targetUtilization\": 0.8", "\"targetUtilization\": 3", StringComparison.Ordinal));

        Assert.Equal(["traffic.requestsPerMonth", "selfHosted.targetUtilization"], error.Errors.Select(e => e.Field));
    }

    [Fact]
    public void ModelAndSku_ComeFromThePriceBook_AndTypedPricesWin()
    {
        var json = """
            {
              "traffic": { "requestsPerMonth": 1000, "inputTokensPerRequest": 100, "outputTokensPerRequest": 10 },
              "api": { "model": "claude-opus-4.8", "outputPerMTok": 20 },
              "selfHosted": { "gpuSku": "Standard_NC40ads_H100_v5", "region": "eastus", "tokensPerSecondPerInstance": 100, "targetUtilization": 0.5 }
            }
            """;

        var scenario = ScenarioReader.Parse(json, s_book);

        Assert.Equal(5.00m, scenario.Api.InputPerMTok.UsdPerMillionTokens);
        Assert.Equal(20m, scenario.Api.OutputPerMTok.UsdPerMillionTokens);
        Assert.Equal(6.98m, scenario.SelfHosted.GpuHourly.UsdPerHour);
    }
}
