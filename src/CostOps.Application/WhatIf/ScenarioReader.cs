using System.Text.Json;
using CostOps.Application.Json;
using CostOps.Domain.Pricing;
using CostOps.Domain.Validation;
using CostOps.Domain.WhatIf;

namespace CostOps.Application.WhatIf;

/// <summary>
/// Reads a what-if scenario (the JSON of <c>costops breakeven --scenario</c> and of
/// <c>POST /api/breakeven</c>) into the domain model, applying the defaults of docs/economics.md. A scenario may
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
            var traffic = ReadTraffic(reader.ReadObject("traffic", required: true), out var trafficComplete);
            var api = CostSections.ReadApi(reader.ReadObject("api", required: true), priceBook, errors);
            var selfHosted = ReadSelfHosted(reader.ReadObject("selfHosted", required: true), priceBook, errors, out var selfHostedComplete);
            var quality = CostSections.ReadQuality(reader.ReadObject("quality"));
            reader.RejectUnknownFields();
            // Each section's rules are checked whatever else is wrong, so one pass reports structure and rules together.
            // A section missing a required figure was built with a neutral stand-in for it, which breaks no rule.
            errors.AddRange(traffic?.Validate("traffic") ?? []);
            errors.AddRange(api?.Validate("api") ?? []);
            errors.AddRange(selfHosted?.Validate("selfHosted") ?? []);
            errors.AddRange(quality?.Validate("quality") ?? []);
            if (!errors.Any && trafficComplete && selfHostedComplete && traffic is not null && api is not null && selfHosted is not null)
            {
                scenario = new WhatIfScenario(traffic, api, selfHosted, quality);
            }
        }
        errors.ThrowIfAny();
        return scenario!;
    }

    private static TrafficProfile? ReadTraffic(JsonObjectReader? traffic, out bool complete)
    {
        complete = false;
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
        complete = requests is not null && input is not null && output is not null;
        return new TrafficProfile(requests ?? 0m, input ?? 1m, output ?? 1m, cached, peak, growth);
    }

    private static SelfHostedOption? ReadSelfHosted(JsonObjectReader? self, Domain.Pricing.PriceBook priceBook, FieldErrors errors, out bool complete)
    {
        complete = false;
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
        var hourly = CostSections.NonNegative(self, "gpuHourly", errors, required: sku is null);
        var instances = CostSections.ReadInstances(self.ReadObject("instances"));
        var throughput = self.ReadDecimal("tokensPerSecondPerInstance", required: true);
        var utilization = self.ReadDecimal("targetUtilization", required: true);
        var hours = self.ReadDecimal("hoursPerMonth") ?? Domain.Time.BillingCalendar.HoursPerMonth;
        var recurring = CostSections.ReadRecurring(self.ReadObject("recurringMonthly"));
        var retraining = CostSections.ReadRetraining(self.ReadObject("retraining"));
        var oneOff = CostSections.ReadOneOff(self.ReadObject("oneOff"));
        var amortization = self.ReadDecimal("amortizationMonths", required: oneOff.Total.Usd > 0m) ?? 12m;
        self.RejectUnknownFields();
        var rate = hourly is { } h ? new HourlyRate(h) : bookRate;
        complete = rate is not null && throughput is not null && utilization is not null && instances is not null;
        return new SelfHostedOption(
            rate ?? new HourlyRate(0m), instances ?? InstanceRange.Exactly(1), throughput ?? 1m, utilization ?? 1m,
            hours, recurring, retraining, oneOff, amortization);
    }

}
