using CostOps.Domain.Pricing;
using CostOps.Domain.Validation;

namespace CostOps.Domain.WhatIf;

/// <summary>
/// The what-if model of docs/economics.md: API cost per request, capacity bands, instances
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
        private readonly Money _runningFixedMonthly;
        private readonly Money _instanceMonthly;

        public CostModel(WhatIfScenario scenario)
        {
            _scenario = scenario;
            var self = scenario.SelfHosted;
            CostPerRequest = scenario.Api.CostPerRequest(scenario.Traffic);
            Capacity = self.CapacityPerInstance(scenario.Traffic);
            _fixedApi = scenario.Api.EffectiveFixedMonthly;
            _instanceMonthly = self.InstanceMonthly;
            // The 36-month TCO counts the one-off whole, so its months carry everything but the amortization.
            _runningFixedMonthly = self.RecurringMonthly.Total + self.RetrainMonthly;
            _selfFixedMonthly = _runningFixedMonthly + self.AmortizedMonthly;
        }

        public Money CostPerRequest { get; }

        public decimal Capacity { get; }

        public InstanceRange Instances => _scenario.SelfHosted.Instances;

        public Money ApiMonthly(decimal requests) => CostPerRequest * requests + _fixedApi;

        public decimal RawNeeded(decimal requests) => requests == 0m ? 0m : Math.Ceiling(requests / Capacity);

        public int InstancesNeeded(decimal requests) => Instances.Clamp(RawNeeded(requests));

        public bool CapacityExceeded(decimal requests) => RawNeeded(requests) > Instances.Max;

        /// <summary>selfMonthly = n * h * H + M + retrainMonthly + amortizedMonthly.</summary>
        public Money SelfMonthly(int instances) => _instanceMonthly * instances + _selfFixedMonthly;

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

        /// <summary>
        /// Month m (1..36) has R_m = R * (1 + g)^(m-1) requests and costs ApiMonthly(R_m) on the API and
        /// n_m * h * H + M + retrainMonthly self-hosted; the one-off is counted whole, up front, not
        /// amortized. The sums are regrouped (API: a * sum(R_m) + 36 * Fapi; self-hosted: instance-months
        /// summed as whole numbers), so the month loop holds one multiplication and one addition of
        /// 28-digit decimals, not six.
        /// </summary>
        public Tco3Years Tco3Years()
        {
            var requests = _scenario.Traffic.RequestsPerMonth;
            var growth = 1m + _scenario.Traffic.GrowthPerMonth;
            var bands = new BandWalker(this, InstancesNeeded(requests));
            var totalRequests = 0m;
            long instanceMonths = 0;
            for (var month = 1; month <= TcoMonths; month++)
            {
                instanceMonths += bands.InstancesFor(requests);
                totalRequests += requests;
                requests *= growth;
            }
            var self = _scenario.SelfHosted.OneOff.Total
                + (_instanceMonthly * instanceMonths)
                + (_runningFixedMonthly * TcoMonths);
            var api = (CostPerRequest * totalRequests) + (_fixedApi * TcoMonths);
            return new Tco3Years(self, api);
        }

        /// <summary>
        /// <see cref="InstancesNeeded"/> month after month, found by walking the capacity bands from last
        /// month's count (R fits n instances when (n-1)C &lt; R &lt;= nC). Volume moves by a few percent a
        /// month, so this is two comparisons against the current band's edges instead of a 28-digit
        /// division, which was most of a what-if request's CPU time.
        /// </summary>
        private struct BandWalker(CostModel model, int instances)
        {
            private int _n = instances;
            private decimal _lower = (instances - 1) * model.Capacity;
            private decimal _upper = instances * model.Capacity;

            public int InstancesFor(decimal requests)
            {
                var range = model.Instances;
                while (_n < range.Max && requests > _upper)
                {
                    Move(+1);
                }
                while (_n > range.Min && requests <= _lower)
                {
                    Move(-1);
                }
                return _n;
            }

            private void Move(int step)
            {
                _n += step;
                _lower = (_n - 1) * model.Capacity;
                _upper = _n * model.Capacity;
            }
        }
    }
}
