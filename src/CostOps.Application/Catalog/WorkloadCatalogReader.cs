using System.Text.RegularExpressions;
using CostOps.Application.Json;
using CostOps.Application.WhatIf;
using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;
using CostOps.Domain.Validation;
using CostOps.Domain.WhatIf;

namespace CostOps.Application.Catalog;

/// <summary>
/// Reads the workload catalog (schema: <c>schemas/workload-catalog.schema.json</c>) and checks it
/// whole: every problem is reported with the workload and the field, before anything runs.
/// </summary>
public static partial class WorkloadCatalogReader
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex WorkloadId();

    /// <summary>
    /// True when <paramref name="id"/> has the shape of a workload id (schema: 1-63 letters, digits, '.', '_' or '-',
    /// starting with a letter or digit); the API checks ids it is given with this, so both accept the same ids.
    /// </summary>
    public static bool IsWorkloadId(string id) => WorkloadId().IsMatch(id);

    private static readonly string[] s_bindingNames =
        ["selfHostedUsage", "gpuUtilization", "fleet", "gpuCost", "gpuPrice", "apiUsage", "apiCost"];

    public static WorkloadCatalog Load(string path, Domain.Pricing.PriceBook priceBook, IReadOnlyCollection<string>? knownSources)
    {
        if (!File.Exists(path))
        {
            throw new DomainValidationException(path, "workload catalog file not found");
        }
        return Parse(File.ReadAllText(path), priceBook, knownSources, path);
    }

    /// <param name="knownSources">The configured source names; bindings must name one of them (null skips the check).</param>
    /// <exception cref="DomainValidationException">Every problem, as "workloads[i] (id).field: message".</exception>
    public static WorkloadCatalog Parse(string json, Domain.Pricing.PriceBook priceBook, IReadOnlyCollection<string>? knownSources, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(priceBook);
        using var document = JsonDocuments.Parse(json, sourceName);
        var errors = new FieldErrors();
        var workloads = new List<WorkloadDefinition>();
        var reader = JsonObjectReader.ForObject(document.RootElement, "", errors);
        if (reader is not null)
        {
            reader.Allow("$schema");
            reader.ReadString("description");
            var items = reader.ReadObjectArray("workloads", required: true) ?? [];
            reader.RejectUnknownFields();
            var ids = new Dictionary<string, string>(StringComparer.Ordinal);
            var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in items)
            {
                var local = new FieldErrors();
                var workload = ReadWorkload(item, priceBook, knownSources, local);
                var label = workload?.Id ?? item.ReadString("id");
                if (workload is not null)
                {
                    if (!ids.TryAdd(workload.Id, item.Path))
                    {
                        local.Add(item.FieldPath("id"), $"'{workload.Id}' is already used by {ids[workload.Id]}");
                    }
                    foreach (var resource in workload.Resources.ResourceIds)
                    {
                        if (!owners.TryAdd(resource, workload.Id) && owners[resource] != workload.Id)
                        {
                            local.Add(item.FieldPath("selfHosted.resources"), $"{resource} already belongs to workload '{owners[resource]}'");
                        }
                    }
                    if (!local.Any)
                    {
                        workloads.Add(workload);
                    }
                }
                // Name the workload next to its index so a long catalog's errors are easy to find.
                errors.AddRange(local.Errors.Select(e => label is null ? e : e with { Field = e.Field.Replace(item.Path, $"{item.Path} ({label})", StringComparison.Ordinal) }));
            }
        }
        if (errors.Any)
        {
            throw new DomainValidationException(errors.Errors.Select(e => e with { Field = $"{sourceName}: {e.Field}" }).ToArray());
        }
        return new WorkloadCatalog(workloads, sourceName);
    }

    private static WorkloadDefinition? ReadWorkload(JsonObjectReader w, Domain.Pricing.PriceBook priceBook, IReadOnlyCollection<string>? knownSources, FieldErrors errors)
    {
        var id = w.ReadString("id", required: true);
        if (id is not null && !IsWorkloadId(id))
        {
            errors.Add(w.FieldPath("id"), $"must be 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit (was '{id}')");
        }
        var displayName = w.ReadString("displayName") ?? id;
        var goLive = w.ReadDate("goLive", required: true);
        var self = w.ReadObject("selfHosted", required: true);
        var api = CostSections.ReadApi(w.ReadObject("api", required: true), priceBook, errors);
        var recurring = CostSections.ReadRecurring(w.ReadObject("recurringMonthly"));
        var retraining = CostSections.ReadRetraining(w.ReadObject("retraining"));
        var oneOff = CostSections.ReadOneOff(w.ReadObject("oneOff"));
        var amortization = w.ReadDecimal("amortizationMonths", required: oneOff.Total.Usd > 0m) ?? 12m;
        var quality = CostSections.ReadQuality(w.ReadObject("quality"));
        var telemetry = ReadTelemetry(w.ReadObject("telemetry"), knownSources, errors);
        var autopilot = ReadAutopilot(w.ReadObject("autopilot"), errors);
        w.RejectUnknownFields();

        var fleet = self is null ? null : ReadSelfHosted(self, priceBook, errors);
        // The domain's rules run on every section that could be read, whatever else is missing, so one pass reports all.
        foreach (var error in ValidateSections(w, api, fleet, recurring, retraining, oneOff, amortization, quality))
        {
            errors.Add(error.Field, error.Message);
        }
        if (id is null || goLive is null || api is null || fleet is null)
        {
            return null;
        }
        var economics = new WorkloadEconomics(
            goLive.Value, oneOff, amortization, recurring, retraining, api,
            fleet.Instances, fleet.TargetUtilization, fleet.TokensPerSecond, fleet.Hourly, fleet.HourlyBasis);
        return new WorkloadDefinition(
            id, displayName!, economics, fleet.Selection, telemetry, fleet.GpuSku, fleet.Region, quality, autopilot);
    }

    private sealed record SelfHostedSection(
        FleetSelection Selection, InstanceRange Instances, decimal TargetUtilization, decimal? TokensPerSecond, HourlyRate? Hourly,
        GpuRateBasis HourlyBasis, string? GpuSku, string? Region);

    private static SelfHostedSection? ReadSelfHosted(JsonObjectReader self, Domain.Pricing.PriceBook priceBook, FieldErrors errors)
    {
        var resources = self.ReadStringArray("resources") ?? [];
        foreach (var (resource, index) in resources.Select((r, i) => (r, i)))
        {
            if (!ArmResourceId.IsGpuCompute(resource))
            {
                errors.Add($"{self.FieldPath("resources")}[{index}]", $"'{resource}' is not an ARM id of a VM or scale set (/subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Compute/virtualMachines|virtualMachineScaleSets/<name>)");
            }
        }
        var tags = ReadTags(self.ReadObject("tagSelector"), errors);
        var subscriptions = self.ReadStringArray("subscriptions") ?? [];
        foreach (var (subscription, index) in subscriptions.Select((s, i) => (s, i)))
        {
            if (!Guid.TryParseExact(subscription, "D", out _))
            {
                errors.Add($"{self.FieldPath("subscriptions")}[{index}]", $"'{subscription}' is not a subscription id (a GUID such as 00000000-0000-0000-0000-000000000000)");
            }
        }
        if (resources.Count == 0 && tags.Count == 0)
        {
            errors.Add(self.FieldPath("resources"), "name the fleet: give resources, a tagSelector, or both");
        }
        var gpuSku = self.ReadString("gpuSku");
        var region = self.ReadString("region");
        var hourly = self.ReadDecimal("gpuHourly");
        HourlyRate? rate = null;
        if (hourly is < 0m)
        {
            errors.Add(self.FieldPath("gpuHourly"), $"must be zero or more (was {hourly})");
        }
        else if (hourly is { } h)
        {
            rate = new HourlyRate(h);
        }
        else if (gpuSku is not null)
        {
            rate = priceBook.FindGpu(gpuSku, region)?.Hourly;
            if (rate is null)
            {
                errors.Add(self.FieldPath("gpuSku"), $"'{gpuSku}'{(region is null ? "" : $" in {region}")} is not in the price book; add it there or set gpuHourly");
            }
        }
        var instances = CostSections.ReadInstances(self.ReadObject("instances")) ?? InstanceRange.Exactly(1);
        var throughput = self.ReadDecimal("tokensPerSecondPerInstance");
        var utilization = self.ReadDecimal("targetUtilization") ?? 0.8m;
        self.RejectUnknownFields();
        var basis = hourly is not null ? GpuRateBasis.Catalog : rate is not null ? GpuRateBasis.PriceBook : GpuRateBasis.Unknown;
        return new SelfHostedSection(new FleetSelection(resources, tags, subscriptions), instances, utilization, throughput, rate, basis, gpuSku, region);
    }

    private static Dictionary<string, string> ReadTags(JsonObjectReader? selector, FieldErrors errors)
    {
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (selector is null)
        {
            return tags;
        }
        foreach (var name in selector.PropertyNames)
        {
            if (selector.ReadString(name, required: true) is { } value)
            {
                tags[name] = value;
            }
        }
        return tags;
    }

    private static TelemetryBindings ReadTelemetry(JsonObjectReader? telemetry, IReadOnlyCollection<string>? knownSources, FieldErrors errors)
    {
        if (telemetry is null)
        {
            return new TelemetryBindings(null, null, null, null, null, null, null);
        }
        var bindings = s_bindingNames.ToDictionary(n => n, n => ReadBinding(telemetry.ReadObject(n), knownSources, errors));
        telemetry.RejectUnknownFields();
        return new TelemetryBindings(
            bindings["selfHostedUsage"], bindings["gpuUtilization"], bindings["fleet"], bindings["gpuCost"],
            bindings["gpuPrice"], bindings["apiUsage"], bindings["apiCost"]);
    }

    private static SourceBinding? ReadBinding(JsonObjectReader? binding, IReadOnlyCollection<string>? knownSources, FieldErrors errors)
    {
        if (binding is null)
        {
            return null;
        }
        var source = binding.ReadString("source", required: true);
        var selector = binding.ReadString("labelSelector");
        var scopes = binding.ReadStringArray("scopes") ?? [];
        var deployment = binding.ReadString("deployment");
        var model = binding.ReadString("model");
        binding.RejectUnknownFields();
        if (source is not null && knownSources is not null && !knownSources.Contains(source, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(binding.FieldPath("source"), $"'{source}' is not a configured source (CostOps:Sources has: {(knownSources.Count == 0 ? "none" : string.Join(", ", knownSources.Order()))})");
        }
        return source is null ? null : new SourceBinding(source, selector, scopes, deployment, model);
    }

    private static AutopilotSettings ReadAutopilot(JsonObjectReader? autopilot, FieldErrors errors)
    {
        var defaults = AutopilotSettings.Default;
        if (autopilot is null)
        {
            return defaults;
        }
        var settings = new AutopilotSettings(
            autopilot.ReadString("mode") ?? defaults.Mode,
            autopilot.ReadDecimal("band") ?? defaults.Band,
            autopilot.ReadInteger("consecutiveDays") ?? defaults.ConsecutiveDays,
            autopilot.ReadInteger("cooldownHours") ?? defaults.CooldownHours,
            autopilot.ReadDecimal("minCompleteness") ?? defaults.MinCompleteness,
            autopilot.ReadInteger("maxPriceAgeDays") ?? defaults.MaxPriceAgeDays,
            autopilot.ReadBoolean("allowDeallocateScarceSku") ?? defaults.AllowDeallocateScarceSku);
        autopilot.RejectUnknownFields();
        if (!AutopilotSettings.Modes.Contains(settings.Mode))
        {
            errors.Add(autopilot.FieldPath("mode"), $"must be one of {string.Join(", ", AutopilotSettings.Modes)} (was '{settings.Mode}')");
        }
        if (settings.Band is < 0m or >= 1m)
        {
            errors.Add(autopilot.FieldPath("band"), $"must be at least 0 and below 1 (was {settings.Band})");
        }
        if (settings.ConsecutiveDays is < 1 or > 60)
        {
            errors.Add(autopilot.FieldPath("consecutiveDays"), $"must be from 1 to 60 (was {settings.ConsecutiveDays})");
        }
        if (settings.CooldownHours < 0)
        {
            errors.Add(autopilot.FieldPath("cooldownHours"), $"must be zero or more (was {settings.CooldownHours})");
        }
        if (settings.MinCompleteness is <= 0m or > 1m)
        {
            errors.Add(autopilot.FieldPath("minCompleteness"), $"must be greater than 0 and at most 1 (was {settings.MinCompleteness})");
        }
        if (settings.MaxPriceAgeDays < 1)
        {
            errors.Add(autopilot.FieldPath("maxPriceAgeDays"), $"must be 1 or more (was {settings.MaxPriceAgeDays})");
        }
        return settings;
    }

    /// <summary>The domain's own rules, reported with the catalog's field names, for every section that was read.</summary>
    private static List<FieldError> ValidateSections(
        JsonObjectReader w, ApiOption? api, SelfHostedSection? fleet, RecurringCosts recurring, RetrainingPlan retraining,
        OneOffCosts oneOff, decimal amortizationMonths, QualityProfile? quality)
    {
        var errors = new List<FieldError>();
        if (api is not null)
        {
            errors.AddRange(api.Validate(w.FieldPath("api")));
        }
        errors.AddRange(recurring.Validate(w.FieldPath("recurringMonthly")));
        errors.AddRange(retraining.Validate(w.FieldPath("retraining")));
        errors.AddRange(oneOff.Validate(w.FieldPath("oneOff")));
        if (amortizationMonths <= 0m)
        {
            errors.Add(new FieldError(w.FieldPath("amortizationMonths"), $"must be greater than zero (was {amortizationMonths})"));
        }
        if (fleet is not null)
        {
            errors.AddRange(fleet.Instances.Validate(w.FieldPath("selfHosted.instances")));
            if (fleet.TargetUtilization is <= 0m or > 1m)
            {
                errors.Add(new FieldError(w.FieldPath("selfHosted.targetUtilization"), $"must be greater than 0 and at most 1 (was {fleet.TargetUtilization})"));
            }
            if (fleet.TokensPerSecond is <= 0m)
            {
                errors.Add(new FieldError(w.FieldPath("selfHosted.tokensPerSecondPerInstance"), $"must be greater than zero (was {fleet.TokensPerSecond})"));
            }
        }
        if (quality is not null)
        {
            errors.AddRange(quality.Validate(w.FieldPath("quality")));
        }
        return errors;
    }
}
