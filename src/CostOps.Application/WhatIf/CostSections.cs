using CostOps.Application.Json;
using CostOps.Domain.Pricing;
using CostOps.Domain.Validation;
using CostOps.Domain.WhatIf;

namespace CostOps.Application.WhatIf;

/// <summary>
/// Readers for the cost sections shared by what-if scenarios and the workload catalog (the API
/// option, instances, recurring, retraining, one-off and quality), so both speak one format.
/// </summary>
internal static class CostSections
{
    internal static ApiOption? ReadApi(JsonObjectReader? api, Domain.Pricing.PriceBook priceBook, FieldErrors errors)
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

    internal static InstanceRange? ReadInstances(JsonObjectReader? instances)
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

    internal static RecurringCosts ReadRecurring(JsonObjectReader? recurring)
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

    internal static RetrainingPlan ReadRetraining(JsonObjectReader? retraining)
    {
        if (retraining is null)
        {
            return RetrainingPlan.Never;
        }
        var plan = new RetrainingPlan(Usd(retraining, "costPerRun"), retraining.ReadDecimal("everyMonths") ?? 0m);
        retraining.RejectUnknownFields();
        return plan;
    }

    internal static OneOffCosts ReadOneOff(JsonObjectReader? oneOff)
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

    internal static QualityProfile? ReadQuality(JsonObjectReader? quality)
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
    internal static Money Usd(JsonObjectReader reader, string name) => new(reader.ReadDecimal(name) ?? 0m);

    internal static PricePerMTok? Price(JsonObjectReader reader, string name, FieldErrors errors, bool required = false) =>
        NonNegative(reader, name, errors, required) is { } v ? new PricePerMTok(v) : null;

    /// <summary>
    /// A price that must not be negative: null (with an error in <paramref name="errors"/>) when it is. The errors are
    /// the caller's, not the reader's, because the catalog files a workload's errors under that workload.
    /// </summary>
    internal static decimal? NonNegative(JsonObjectReader reader, string name, FieldErrors errors, bool required = false)
    {
        var value = reader.ReadDecimal(name, required);
        if (value < 0m)
        {
            errors.Add(reader.FieldPath(name), $"must be zero or more (was {value})");
            return null;
        }
        return value;
    }
}
