using CostOps.Domain.Pricing;
using CostOps.Domain.Validation;

namespace CostOps.Domain.WhatIf;

/// <summary>
/// The what-if model of ECONOMICS.md ("Formulas"): API cost per request, capacity bands, instances
/// needed, self-hosted monthly cost, break-even volume, payback and the 36-month TCO. Pure and
/// deterministic: the same scenario always gives the same result.
/// </summary>
public static class BreakEvenCalculator
{
    public const int TcoMonths = 36;

    /// <summary>Evaluates a scenario; throws <see cref="DomainValidationException"/> naming every invalid field.</summary>
    public static BreakEvenResult Evaluate(WhatIfScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var errors = scenario.Validate();
        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }
        try
        {
            return EvaluateValid(scenario);
        }
        catch (OverflowException)
        {
            // decimal has ~28 significant digits; only absurd inputs get here, and they are the caller's to fix.
            throw new DomainValidationException("scenario", "the numbers are too large to compute; check the volumes and prices");
        }
    }

    private static BreakEvenResult EvaluateValid(WhatIfScenario scenario)
    {
        var model = new CostModel(scenario);
        var traffic = scenario.Traffic;
        var requests = traffic.RequestsPerMonth;

        var apiMonthly = model.ApiMonthly(requests);
        var instances = model.InstancesNeeded(requests);
        var selfMonthly = model.SelfMonthly(instances);
        var breakEven = model.BreakEven();

        decimal? breakEvenTokens = breakEven * traffic.TokensPerRequest;
        decimal? utilizationAtBreakEven = breakEven is { } r
            ? r * traffic.TokensPerRequest * traffic.PeakToAverage / model.RawThroughputPerMonth(model.InstancesNeeded(r))
            : null;

        return new BreakEvenResult(
            ApiCostPerRequest: model.CostPerRequest,
            ApiMonthlyCost: apiMonthly,
            SelfHostedMonthlyCost: selfMonthly,
            MonthlySavings: apiMonthly - selfMonthly,
            InstancesNeeded: instances,
            CapacityExceeded: model.CapacityExceeded(requests),
            CapacityPerInstance: model.Capacity,
            BreakEvenRequestsPerMonth: breakEven,
            BreakEvenTokensPerMonth: breakEvenTokens,
            UtilizationAtBreakEven: utilizationAtBreakEven,
            PaybackMonths: model.PaybackMonths(requests, selfMonthly, apiMonthly),
            Tco3Years: model.Tco3Years(),
            QualityAdjusted: QualityAdjusted(scenario, selfMonthly, apiMonthly));
    }

    private static QualityAdjustedCost? QualityAdjusted(WhatIfScenario scenario, Money selfMonthly, Money apiMonthly)
    {
        if (scenario.Quality is not { } quality)
        {
            return null;
        }
        var requests = scenario.Traffic.RequestsPerMonth;
        return requests == 0m
            ? new QualityAdjustedCost(null, null)
            : new QualityAdjustedCost(
                selfMonthly / (requests * quality.SelfHostedAccuracy),
                apiMonthly / (requests * quality.ApiAccuracy));
    }

    /// <summary>The scenario's cost curves, computed once.</summary>
    private sealed class CostModel
    {
        private readonly WhatIfScenario _scenario;
        private readonly Money _fixedApi;
        private readonly Money _selfFixedMonthly;
        private readonly Money _recurringMonthly;
        private readonly Money _retrainMonthly;
        private readonly Money _instanceMonthly;

        public CostModel(WhatIfScenario scenario)
        {
            _scenario = scenario;
            var self = scenario.SelfHosted;
            CostPerRequest = scenario.Api.CostPerRequest(scenario.Traffic);
            Capacity = self.CapacityPerInstance(scenario.Traffic);
            _fixedApi = scenario.Api.EffectiveFixedMonthly;
            _instanceMonthly = self.InstanceMonthly;
            _selfFixedMonthly = self.RecurringMonthly.Total + self.RetrainMonthly + self.AmortizedMonthly;
            // Computed once: the 36-month TCO asks for them every month (same values, same order of additions).
            _recurringMonthly = self.RecurringMonthly.Total;
            _retrainMonthly = self.RetrainMonthly;
        }

        public Money CostPerRequest { get; }

        public decimal Capacity { get; }

        private InstanceRange Instances => _scenario.SelfHosted.Instances;

        public Money ApiMonthly(decimal requests) => CostPerRequest * requests + _fixedApi;

        public decimal RawNeeded(decimal requests) => requests == 0m ? 0m : Math.Ceiling(requests / Capacity);

        public int InstancesNeeded(decimal requests) => Instances.Clamp(RawNeeded(requests));

        public bool CapacityExceeded(decimal requests) => RawNeeded(requests) > Instances.Max;

        /// <summary>selfMonthly = n * h * H + M + retrainMonthly + amortizedMonthly.</summary>
        public Money SelfMonthly(int instances) => _instanceMonthly * instances + _selfFixedMonthly;

        /// <summary>Running cost without the one-off's amortization (used by payback and the TCO).</summary>
        private Money RunningMonthly(int instances) =>
            _instanceMonthly * instances + _recurringMonthly + _retrainMonthly;

        public decimal RawThroughputPerMonth(int instances) =>
            instances * _scenario.SelfHosted.TokensPerSecondPerInstance * _scenario.SelfHosted.HoursPerMonth * Time.BillingCalendar.SecondsPerHour;

        /// <summary>
        /// R*, searched band by band: in band n (R in ((n-1)C, nC], band min from 0) self-hosting
        /// costs a constant S_n, so the first R where the linear API cost reaches it is
        /// (S_n - Fapi) / a, if that lies inside the band. The step curve only rises, so the first
        /// band that qualifies gives the smallest R.
        /// </summary>
        public decimal? BreakEven()
        {
            if (CostPerRequest.Usd == 0m)
            {
                return null;
            }
            for (var n = Instances.Min; n <= Instances.Max; n++)
            {
                var bandStart = n == Instances.Min ? 0m : (n - 1) * Capacity;
                var bandEnd = n * Capacity;
                var candidate = (SelfMonthly(n) - _fixedApi).Usd / CostPerRequest.Usd;
                var breakEven = Math.Max(bandStart, candidate);
                if (breakEven <= bandEnd)
                {
                    return breakEven;
                }
            }
            return null;
        }

        public decimal? PaybackMonths(decimal requests, Money selfMonthly, Money apiMonthly)
        {
            var oneOff = _scenario.SelfHosted.OneOff.Total;
            var monthlyGain = apiMonthly - (selfMonthly - _scenario.SelfHosted.AmortizedMonthly);
            return monthlyGain.Usd <= 0m ? null : oneOff.Usd / monthlyGain.Usd;
        }

        public Tco3Years Tco3Years()
        {
            var self = _scenario.SelfHosted.OneOff.Total;
            var api = Money.Zero;
            var requests = _scenario.Traffic.RequestsPerMonth;
            var growth = 1m + _scenario.Traffic.GrowthPerMonth;
            for (var month = 1; month <= TcoMonths; month++)
            {
                self += RunningMonthly(InstancesNeeded(requests));
                api += ApiMonthly(requests);
                requests *= growth;
            }
            return new Tco3Years(self, api);
        }
    }
}
