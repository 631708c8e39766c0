using CostOps.Domain.Validation;
using CostOps.Domain.WhatIf;

namespace CostOps.Domain.Tests.WhatIf;

public sealed class ScenarioValidationTests
{
    public static TheoryData<string, Func<WhatIfScenario, WhatIfScenario>> InvalidFields => new()
    {
        { "traffic.requestsPerMonth", s => s with { Traffic = s.Traffic with { RequestsPerMonth = -1m } } },
        { "traffic.inputTokensPerRequest", s => s with { Traffic = s.Traffic with { InputTokensPerRequest = -5m } } },
        { "traffic.cachedInputShare", s => s with { Traffic = s.Traffic with { CachedInputShare = 1.5m } } },
        { "traffic.peakToAverage", s => s with { Traffic = s.Traffic with { PeakToAverage = 0.9m } } },
        { "api.priceMultiplier", s => s with { Api = s.Api with { PriceMultiplier = -1m } } },
        { "api.fixedMonthly", s => s with { Api = s.Api with { FixedMonthly = new Domain.Pricing.Money(-3m) } } },
        { "selfHosted.targetUtilization", s => s with { SelfHosted = s.SelfHosted with { TargetUtilization = 0m } } },
        { "selfHosted.targetUtilization", s => s with { SelfHosted = s.SelfHosted with { TargetUtilization = 1.01m } } },
        { "selfHosted.instances.max", s => s with { SelfHosted = s.SelfHosted with { Instances = new InstanceRange(3, 2) } } },
        { "selfHosted.instances.min", s => s with { SelfHosted = s.SelfHosted with { Instances = new InstanceRange(0, 2) } } },
        { "selfHosted.amortizationMonths", s => s with { SelfHosted = s.SelfHosted with { AmortizationMonths = 0m } } },
        { "selfHosted.tokensPerSecondPerInstance", s => s with { SelfHosted = s.SelfHosted with { TokensPerSecondPerInstance = 0m } } },
        { "selfHosted.recurringMonthly.engineering", s => s with { SelfHosted = s.SelfHosted with { RecurringMonthly = Scenarios.Recurring(0m, 0m, -1m) } } },
        { "selfHosted.oneOff.training", s => s with { SelfHosted = s.SelfHosted with { OneOff = Scenarios.OneOff(-10m) } } },
        { "selfHosted.retraining.everyMonths", s => s with { SelfHosted = s.SelfHosted with { Retraining = new RetrainingPlan(Domain.Pricing.Money.Zero, -1m) } } },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public void Evaluate_RejectsInvalidInput_NamingTheField(string field, Func<WhatIfScenario, WhatIfScenario> breakIt)
    {
        var scenario = breakIt(Scenarios.Seed());

        var error = Assert.Throws<DomainValidationException>(() => BreakEvenCalculator.Evaluate(scenario));

        Assert.Contains(error.Errors, e => e.Field == field);
    }

    [Fact]
    public void Validate_ReportsEveryProblemAtOnce()
    {
        var scenario = Scenarios.Seed() with
        {
            Traffic = Scenarios.Seed().Traffic with { RequestsPerMonth = -1m, PeakToAverage = 0m },
            SelfHosted = Scenarios.SelfHosted(utilization: 2m, min: 2, max: 1),
        };

        Assert.Equal(4, scenario.Validate().Count);
    }

    [Fact]
    public void Evaluate_ReportsAbsurdVolumes_AsAValidationError()
    {
        var scenario = Scenarios.Seed(requests: 7.9e27m) with
        {
            Traffic = new TrafficProfile(7.9e27m, 1e10m, 1e10m, GrowthPerMonth: 5m),
        };

        var error = Assert.Throws<DomainValidationException>(() => BreakEvenCalculator.Evaluate(scenario));

        Assert.Contains("too large", error.Message, StringComparison.Ordinal);
    }
}
