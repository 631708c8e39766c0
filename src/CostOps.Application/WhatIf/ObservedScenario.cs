using System.Text.Json;
using System.Text.Json.Nodes;
using CostOps.Application.Catalog;
using CostOps.Application.Json;
using CostOps.Application.Results;
using CostOps.Domain.Time;
using CostOps.Domain.Validation;
using CostOps.Domain.WhatIf;

namespace CostOps.Application.WhatIf;

/// <summary>
/// A workload's what-if scenario as its stored <c>DailyTco</c> rows and catalog entry describe it,
/// in the scenario JSON format of <see cref="ScenarioReader"/>, so a caller can override any field
/// of it with the same names (<see cref="Apply"/>, RFC 7396 merge).
/// </summary>
/// <remarks>
/// What comes from where (the same rules as the nightly <c>ObservedProfile</c>, applied to the rows):
/// <list type="bullet">
/// <item><c>traffic.requestsPerMonth</c>: self-hosted plus API-routed requests per day with a known
/// request figure, averaged and scaled to a billing month (x 30.416667); a day without a figure is
/// not a quiet day.</item>
/// <item><c>traffic.inputTokensPerRequest</c> / <c>outputTokensPerRequest</c>: the self-hosted
/// tokens over the self-hosted requests of the days where both are known.</item>
/// <item><c>selfHosted.gpuHourly</c>: GPU cost over GPU hours of the days where both are known
/// ("observed"); otherwise the catalog's list rate ("catalog").</item>
/// <item><c>selfHosted.tokensPerSecondPerInstance</c>: the catalog's planned throughput (the rows do
/// not keep the measured peak).</item>
/// <item>The API option, instances, target utilization, recurring, retraining, one-off (only while
/// it is still being amortized on the last day) and quality: from the catalog.</item>
/// </list>
/// A figure neither source knows is left out and listed in <see cref="Unmeasured"/>; the caller must
/// then give it.
/// </remarks>
public sealed class ObservedScenario
{
    private readonly JsonObject _scenario;

    private ObservedScenario(JsonObject scenario, IReadOnlyList<string> unmeasured, ObservedWindow window)
    {
        _scenario = scenario;
        Unmeasured = unmeasured;
        Window = window;
    }

    /// <summary>Field paths (camelCase) that neither the rows nor the catalog could fill.</summary>
    public IReadOnlyList<string> Unmeasured { get; }

    /// <summary>What the rows covered.</summary>
    public ObservedWindow Window { get; }

    /// <summary>The base scenario (a copy), before any override.</summary>
    public JsonObject Scenario => (JsonObject)_scenario.DeepClone();

    /// <param name="rows">The workload's stored rows inside <paramref name="days"/>.</param>
    public static ObservedScenario From(WorkloadDefinition workload, DayRange days, IReadOnlyList<DailyTcoRecord> rows)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(rows);
        var economics = workload.Economics;
        var unmeasured = new List<string>();

        var traffic = new JsonObject();
        decimal requests = 0m, selfRequests = 0m, inputTokens = 0m, outputTokens = 0m;
        var daysWithDemand = 0;
        foreach (var tco in rows.Select(r => r.Tco).Where(t => days.Contains(t.Day)))
        {
            if (tco.Requests is null && tco.ApiRequests is null)
            {
                continue;
            }
            daysWithDemand++;
            requests += (tco.Requests ?? 0m) + (tco.ApiRequests ?? 0m);
            if (tco is { Requests: > 0m, InputTokens: { } input, OutputTokens: { } output })
            {
                selfRequests += tco.Requests.Value;
                inputTokens += input;
                outputTokens += output;
            }
        }
        decimal? projected = daysWithDemand > 0 ? Math.Round(requests / daysWithDemand * BillingCalendar.DaysPerMonth, 2) : null;
        Put(traffic, "requestsPerMonth", projected, "traffic.requestsPerMonth", unmeasured);
        var tokensKnown = selfRequests > 0m && inputTokens + outputTokens > 0m;
        Put(traffic, "inputTokensPerRequest", tokensKnown ? Math.Round(inputTokens / selfRequests, 4) : null, "traffic.inputTokensPerRequest", unmeasured);
        Put(traffic, "outputTokensPerRequest", tokensKnown ? Math.Round(outputTokens / selfRequests, 4) : null, "traffic.outputTokensPerRequest", unmeasured);

        var api = economics.Api;
        var apiJson = new JsonObject
        {
            ["inputPerMTok"] = api.InputPerMTok.UsdPerMillionTokens,
            ["outputPerMTok"] = api.OutputPerMTok.UsdPerMillionTokens,
        };
        if (api.CachedInputPerMTok is { } cached)
        {
            apiJson["cachedInputPerMTok"] = cached.UsdPerMillionTokens;
        }
        apiJson["promptOverheadTokensPerRequest"] = api.PromptOverheadTokensPerRequest;
        apiJson["priceMultiplier"] = api.PriceMultiplier;
        if (api.FixedMonthly is { } fixedMonthly)
        {
            apiJson["fixedMonthly"] = fixedMonthly.Usd;
        }

        var (hourly, hourlySource) = HourlyRate(rows, days, economics.ListHourlyRate?.UsdPerHour);
        var selfHosted = new JsonObject();
        Put(selfHosted, "gpuHourly", hourly, "selfHosted.gpuHourly", unmeasured);
        selfHosted["instances"] = new JsonObject { ["min"] = economics.Instances.Min, ["max"] = economics.Instances.Max };
        Put(selfHosted, "tokensPerSecondPerInstance", economics.PlannedTokensPerSecondPerInstance, "selfHosted.tokensPerSecondPerInstance", unmeasured);
        selfHosted["targetUtilization"] = economics.TargetUtilization;
        selfHosted["hoursPerMonth"] = BillingCalendar.HoursPerMonth;
        var recurring = economics.Recurring;
        selfHosted["recurringMonthly"] = new JsonObject
        {
            ["monitoring"] = recurring.Monitoring.Usd,
            ["evaluation"] = recurring.Evaluation.Usd,
            ["engineering"] = recurring.Engineering.Usd,
            ["other"] = recurring.Other.Usd,
        };
        selfHosted["retraining"] = new JsonObject
        {
            ["costPerRun"] = economics.Retraining.CostPerRun.Usd,
            ["everyMonths"] = economics.Retraining.EveryMonths,
        };
        if (economics.IsAmortizing(days.To) && economics.OneOff.Total.Usd > 0m)
        {
            var oneOff = economics.OneOff;
            selfHosted["oneOff"] = new JsonObject
            {
                ["dataPreparation"] = oneOff.DataPreparation.Usd,
                ["annotation"] = oneOff.Annotation.Usd,
                ["legalReview"] = oneOff.LegalReview.Usd,
                ["experimentation"] = oneOff.Experimentation.Usd,
                ["training"] = oneOff.Training.Usd,
                ["evaluationSetup"] = oneOff.EvaluationSetup.Usd,
            };
        }
        selfHosted["amortizationMonths"] = economics.AmortizationMonths;

        var scenario = new JsonObject
        {
            ["description"] = $"Observed profile of workload '{workload.Id}' over {days}",
            ["traffic"] = traffic,
            ["api"] = apiJson,
            ["selfHosted"] = selfHosted,
        };
        if (workload.Quality is { } quality)
        {
            scenario["quality"] = new JsonObject
            {
                ["selfHostedAccuracy"] = quality.SelfHostedAccuracy,
                ["apiAccuracy"] = quality.ApiAccuracy,
            };
        }
        var window = new ObservedWindow(
            workload.Id, days, rows.Count(r => days.Contains(r.Tco.Day)), daysWithDemand, projected, hourlySource);
        return new ObservedScenario(scenario, unmeasured, window);
    }

    /// <summary>
    /// Merges <paramref name="overrides"/> onto the base scenario (RFC 7396: objects merge field by
    /// field, <c>null</c> removes a field so its default or the price book applies, anything else
    /// replaces) and reads the result like any scenario.
    /// </summary>
    /// <param name="effective">The merged scenario JSON that was evaluated.</param>
    /// <exception cref="DomainValidationException">Every problem, named by its scenario field path; an unmeasured field that was not given says so.</exception>
    public WhatIfScenario Apply(JsonObject? overrides, Domain.Pricing.PriceBook priceBook, out JsonObject effective)
    {
        effective = (JsonObject)JsonMergePatch.Apply(_scenario, overrides ?? [])!;
        using var document = JsonDocument.Parse(effective.ToJsonString());
        try
        {
            return ScenarioReader.Read(document.RootElement, priceBook, extraFields: null);
        }
        catch (DomainValidationException ex)
        {
            var why = $"was not measured for workload '{Window.WorkloadId}' in {Window.Days} and the catalog does not set it; give it in the request";
            throw new DomainValidationException(ex.Errors
                .Select(e => Unmeasured.Contains(e.Field, StringComparer.Ordinal) && e.Message == "is required" ? e with { Message = why } : e)
                .ToArray());
        }
    }

    private static (decimal? Rate, string Source) HourlyRate(IReadOnlyList<DailyTcoRecord> rows, DayRange days, decimal? listRate)
    {
        decimal cost = 0m, hours = 0m;
        foreach (var tco in rows.Select(r => r.Tco).Where(t => days.Contains(t.Day)))
        {
            if (tco is { GpuCost: { } gpuCost, GpuHours: > 0m })
            {
                cost += gpuCost.Usd;
                hours += tco.GpuHours.Value;
            }
        }
        if (hours > 0m)
        {
            return (Math.Round(cost / hours, 6), "observed");
        }
        return listRate is { } list ? (list, "catalog") : (null, "none");
    }

    private static void Put(JsonObject parent, string name, decimal? value, string path, List<string> unmeasured)
    {
        if (value is { } known)
        {
            parent[name] = known;
        }
        else
        {
            unmeasured.Add(path);
        }
    }
}

/// <summary>The rows behind an <see cref="ObservedScenario"/>.</summary>
/// <param name="DaysWithRows">Days of the window with a stored row.</param>
/// <param name="DaysWithDemand">Days with a known request figure (self-hosted or API).</param>
/// <param name="ProjectedRequestsPerMonth">The demand the rows project to a billing month; null when unmeasured.</param>
/// <param name="GpuHourlySource"><c>observed</c> (GPU cost / hours of the rows), <c>catalog</c> (list rate) or <c>none</c>.</param>
public sealed record ObservedWindow(
    string WorkloadId,
    DayRange Days,
    int DaysWithRows,
    int DaysWithDemand,
    decimal? ProjectedRequestsPerMonth,
    string GpuHourlySource);
