using System.Text.Json;
using CostOps.Application.Json;
using CostOps.Domain.Pricing;
using CostOps.Domain.Validation;
using CostOps.Domain.WhatIf;

namespace CostOps.Application.WhatIf;

/// <summary>
/// Reads a what-if scenario (the JSON of <c>costops breakeven --scenario</c> and of
/// <c>POST /api/breakeven</c>) into the domain model, applying ECONOMICS.md defaults. A scenario may
/// name a price-book model (<c>api.model</c>) or GPU size (<c>selfHosted.gpuSku</c>, optional
/// <c>selfHosted.region</c>) instead of typing prices; typed prices win over the book's.
/// </summary>
public static class ScenarioReader
{
    /// <exception cref="DomainValidationException">Every problem, each naming its field.</exception>
    public static WhatIfScenario Parse(string json, Domain.Pricing.PriceBook priceBook, string sourceName = "scenario")
    {
        using var document = JsonDocuments.Parse(json, sourceName);
        return Read(document.RootElement, priceBook, extraFields: null);
    }

    /// <summary>Reads a scenario object; <paramref name="extraFields"/> are top-level names the caller handles itself.</summary>
    /// <exception cref="DomainValidationException">Every problem, each naming its field.</exception>
    public static WhatIfScenario Read(JsonElement root, Domain.Pricing.PriceBook priceBook, IEnumerable<string>? extraFields)
    {
        ArgumentNullException.ThrowIfNull(priceBook);
        var errors = new FieldErrors();
        var reader = JsonObjectReader.ForObject(root, "", errors);
        WhatIfScenario? scenario = null;
        if (reader is not null)
        {
            reader.Allow("$schema");
            reader.ReadString("description");
            foreach (var name in extraFields ?? [])
            {
                reader.Allow(name);
            }
            var traffic = ReadTraffic(reader.ReadObject("traffic", required: true));
            var api = ReadApi(reader.ReadObject("api", required: true), priceBook, errors);
            var selfHosted = ReadSelfHosted(reader.ReadObject("selfHosted", required: true), priceBook, errors);
            var quality = ReadQuality(reader.ReadObject("quality"));
            reader.RejectUnknownFields();
            if (!errors.Any && traffic is not null && api is not null && selfHosted is not null)
            {
                scenario = new WhatIfScenario(traffic, api, selfHosted, quality);
                errors.AddRange(scenario.Validate());
            }
        }
        errors.ThrowIfAny();
        return scenario!;
    }

    private static TrafficProfile? ReadTraffic(JsonObjectReader? traffic)
    {
        if (traffic is null)
        {
            return null;
        }
        var requests = traffic.ReadDecimal("requestsPerMonth", required: true);
        var input = traffic.ReadDecimal("inputTokensPerRequest", required: true);
        var output = traffic.ReadDecimal("outputTokensPerRequest", required: true);
        var cached = traffic.ReadDecimal("cachedInputShare") ?? 0m;
        var peak = traffic.ReadDecimal("peakToAverage") ?? 1m;
        var growth = traffic.ReadDecimal("growthPerMonth") ?? 0m;
        traffic.RejectUnknownFields();
        return requests is null || input is null || output is null
            ? null
            : new TrafficProfile(requests.Value, input.Value, output.Value, cached, peak, growth);
    }

    private static ApiOption? ReadApi(JsonObjectReader? api, Domain.Pricing.PriceBook priceBook, FieldErrors errors)
    {
        if (api is null)
        {
            return null;
        }
        var modelId = api.ReadString("model");
        ApiModelPrice? model = null;
        if (modelId is not null)
        {
            model = priceBook.FindModel(modelId);
            if (model is null)
            {
                errors.Add(api.FieldPath("model"), $"'{modelId}' is not in the price book (known: {string.Join(", ", priceBook.Models.Select(m => m.Id).Order())})");
            }
        }
        var typedPrices = modelId is null;
        var input = Price(api, "inputPerMTok", errors, required: typedPrices) ?? model?.Input;
        var output = Price(api, "outputPerMTok", errors, required: typedPrices) ?? model?.Output;
        var cached = Price(api, "cachedInputPerMTok", errors) ?? model?.CachedInput;
        var overhead = api.ReadDecimal("promptOverheadTokensPerRequest") ?? 0m;
        var multiplier = api.ReadDecimal("priceMultiplier") ?? 1m;
        var fixedMonthly = api.ReadDecimal("fixedMonthly") is { } f ? new Money(f) : model?.FixedMonthly;
        api.RejectUnknownFields();
        return input is null || output is null
            ? null
            : new ApiOption(input.Value, output.Value, cached, overhead, multiplier, fixedMonthly);
    }

    private static SelfHostedOption? ReadSelfHosted(JsonObjectReader? self, Domain.Pricing.PriceBook priceBook, FieldErrors errors)
    {
        if (self is null)
        {
            return null;
        }
        var sku = self.ReadString("gpuSku");
        var region = self.ReadString("region");
        HourlyRate? bookRate = null;
        if (sku is not null)
        {
            bookRate = priceBook.FindGpu(sku, region)?.Hourly;
            if (bookRate is null)
            {
                errors.Add(self.FieldPath("gpuSku"), $"'{sku}'{(region is null ? "" : $" in {region}")} is not in the price book");
            }
        }
        var hourly = self.ReadDecimal("gpuHourly", required: sku is null);
        if (hourly < 0m)
        {
            errors.Add(self.FieldPath("gpuHourly"), $"must be zero or more (was {hourly})");
        }
        var instances = ReadInstances(self.ReadObject("instances"));
        var throughput = self.ReadDecimal("tokensPerSecondPerInstance", required: true);
        var utilization = self.ReadDecimal("targetUtilization", required: true);
        var hours = self.ReadDecimal("hoursPerMonth") ?? Domain.Time.BillingCalendar.HoursPerMonth;
        var recurring = ReadRecurring(self.ReadObject("recurringMonthly"));
        var retraining = ReadRetraining(self.ReadObject("retraining"));
        var oneOff = ReadOneOff(self.ReadObject("oneOff"));
        var amortization = self.ReadDecimal("amortizationMonths", required: oneOff.Total.Usd > 0m) ?? 12m;
        self.RejectUnknownFields();
        var rate = hourly is >= 0m ? new HourlyRate(hourly.Value) : bookRate;
        return rate is null || throughput is null || utilization is null || instances is null
            ? null
            : new SelfHostedOption(rate.Value, instances, throughput.Value, utilization.Value, hours, recurring, retraining, oneOff, amortization);
    }

    private static InstanceRange? ReadInstances(JsonObjectReader? instances)
    {
        if (instances is null)
        {
            return InstanceRange.Exactly(1);
        }
        var min = instances.ReadInteger("min") ?? 1;
        var max = instances.ReadInteger("max") ?? min;
        instances.RejectUnknownFields();
        return new InstanceRange(min, max);
    }

    private static RecurringCosts ReadRecurring(JsonObjectReader? recurring)
    {
        if (recurring is null)
        {
            return RecurringCosts.None;
        }
        var costs = new RecurringCosts(
            Usd(recurring, "monitoring"), Usd(recurring, "evaluation"), Usd(recurring, "engineering"), Usd(recurring, "other"));
        recurring.RejectUnknownFields();
        return costs;
    }

    private static RetrainingPlan ReadRetraining(JsonObjectReader? retraining)
    {
        if (retraining is null)
        {
            return RetrainingPlan.Never;
        }
        var plan = new RetrainingPlan(Usd(retraining, "costPerRun"), retraining.ReadDecimal("everyMonths") ?? 0m);
        retraining.RejectUnknownFields();
        return plan;
    }

    private static OneOffCosts ReadOneOff(JsonObjectReader? oneOff)
    {
        if (oneOff is null)
        {
            return OneOffCosts.None;
        }
        var costs = new OneOffCosts(
            Usd(oneOff, "dataPreparation"), Usd(oneOff, "annotation"), Usd(oneOff, "legalReview"),
            Usd(oneOff, "experimentation"), Usd(oneOff, "training"), Usd(oneOff, "evaluationSetup"));
        oneOff.RejectUnknownFields();
        return costs;
    }

    private static QualityProfile? ReadQuality(JsonObjectReader? quality)
    {
        if (quality is null)
        {
            return null;
        }
        var self = quality.ReadDecimal("selfHostedAccuracy", required: true);
        var api = quality.ReadDecimal("apiAccuracy", required: true);
        quality.RejectUnknownFields();
        return self is null || api is null ? null : new QualityProfile(self.Value, api.Value);
    }

    /// <summary>Money fields default to zero; their sign is checked by the domain's validation.</summary>
    private static Money Usd(JsonObjectReader reader, string name) => new(reader.ReadDecimal(name) ?? 0m);

    private static PricePerMTok? Price(JsonObjectReader reader, string name, FieldErrors errors, bool required = false)
    {
        var value = reader.ReadDecimal(name, required);
        if (value < 0m)
        {
            errors.Add(reader.FieldPath(name), $"must be zero or more (was {value})");
            return null;
        }
        return value is { } v ? new PricePerMTok(v) : null;
    }
}
