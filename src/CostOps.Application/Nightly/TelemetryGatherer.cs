using CostOps.Application.Catalog;
using CostOps.Application.Diagnostics;
using CostOps.Application.Results;
using CostOps.Application.Telemetry;
using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;
using CostOps.Domain.Time;

namespace CostOps.Application.Nightly;

/// <summary>
/// Pulls the facts each workload's bindings name and folds them into one observation per day.
/// Resource-keyed sources (fleet hours, resource cost) are asked once per source for every
/// workload's resources together, so their adapters can batch (50 per metrics call); selector-keyed
/// Prometheus sources are asked once per source for every workload's selector, so they can answer with one range
/// query per metric; API usage and cost are asked per workload. A source that fails leaves its workloads
/// with a failure (their rows are not written); a source that answers with gaps only lowers completeness.
/// Every read of a source is a span of the run's trace (<see cref="CostOpsTelemetry.StartUpstreamRead"/>).
/// </summary>
public sealed class TelemetryGatherer(ITelemetrySourceCatalog sources)
{
    public async Task<IReadOnlyDictionary<string, WorkloadObservations>> GatherAsync(
        IReadOnlyList<WorkloadDefinition> workloads,
        DayRange days,
        int maxParallelism,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        // Awaited, not chained with ContinueWith: a source's failure must surface as its own exception
        // (a TelemetrySourceException fails the workloads bound to it), not as a cancelled continuation.
        var fleetHours = await ByResourceAsync(workloads, "fleet", w => w.Telemetry.Fleet, async (source, ids) => Project(
            await sources.Get<IFleetStateSource>(source).GetDailyRunningHoursAsync(new FleetQuery(days, ids), cancellationToken),
            f => f.ResourceId, f => f.Day, f => (Value: (decimal?)(f.RunningHours is { } h ? (decimal)h : null), f.Completeness)));
        var resourceCosts = await ByResourceAsync(workloads, "gpuCost", w => w.Telemetry.GpuCost, async (source, ids) => Project(
            await sources.Get<IResourceCostSource>(source).GetDailyCostsAsync(new ResourceCostQuery(days, ids), cancellationToken),
            f => f.ResourceId, f => f.Day, f => (Value: f.CostUsd, f.Completeness)));

        var selfHostedUsage = await SelectorFacts<SelfHostedUsageFact>.ReadAsync(workloads, "selfHostedUsage", w => w.Telemetry.SelfHostedUsage, f => f.LabelSelector,
            (source, selectors) => sources.Get<ISelfHostedUsageSource>(source).GetDailyUsageAsync(new SelfHostedQuery(days, selectors), cancellationToken));
        var gpuUtilization = await SelectorFacts<GpuUtilizationFact>.ReadAsync(workloads, "gpuUtilization", w => w.Telemetry.GpuUtilization, f => f.LabelSelector,
            (source, selectors) => sources.Get<IGpuUtilizationSource>(source).GetDailyUtilizationAsync(new SelfHostedQuery(days, selectors), cancellationToken));

        var results = new System.Collections.Concurrent.ConcurrentDictionary<string, WorkloadObservations>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            workloads,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxParallelism), CancellationToken = cancellationToken },
            async (workload, token) =>
            {
                results[workload.Id] = await GatherWorkloadAsync(workload, days, fleetHours, resourceCosts, selfHostedUsage, gpuUtilization, token);
            });
        return results;
    }

    private async Task<WorkloadObservations> GatherWorkloadAsync(
        WorkloadDefinition workload,
        DayRange days,
        ResourceFacts fleetHours,
        ResourceFacts resourceCosts,
        SelectorFacts<SelfHostedUsageFact> selfHostedUsage,
        SelectorFacts<GpuUtilizationFact> gpuUtilization,
        CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        var issues = new List<string>();
        var bindings = workload.Telemetry;

        var usage = selfHostedUsage.For(bindings.SelfHostedUsage, failures, issues);
        var utilization = gpuUtilization.For(bindings.GpuUtilization, failures, issues);
        var apiUsage = await TryAsync("apiUsage", workload.Id, bindings.ApiUsage, failures, issues, (b, s) =>
            s.Get<IApiUsageSource>(b.Source).GetDailyUsageAsync(new ApiTelemetryQuery(days, b.Scopes), cancellationToken));
        var apiCost = await TryAsync("apiCost", workload.Id, bindings.ApiCost, failures, issues, (b, s) =>
            s.Get<IApiCostSource>(b.Source).GetDailyCostsAsync(new ApiTelemetryQuery(days, b.Scopes), cancellationToken));
        var price = await GpuPriceAsync(workload, failures, cancellationToken);
        var resources = workload.Resources.ResourceIds;
        if (bindings.Fleet is not null)
        {
            failures.AddRange(fleetHours.FailuresFor(bindings.Fleet.Source));
        }
        if (bindings.GpuCost is not null)
        {
            failures.AddRange(resourceCosts.FailuresFor(bindings.GpuCost.Source));
        }

        var observations = new List<DailyObservation>();
        var details = new Dictionary<DateOnly, DayDetail>();
        foreach (var day in days.EachDay())
        {
            var parts = new List<(string Name, Completeness Completeness)>();
            var selfDay = usage?.Facts.FirstOrDefault(f => f.Day == day);
            if (bindings.SelfHostedUsage is not null)
            {
                parts.Add(("selfHostedUsage", selfDay?.Completeness ?? Completeness.Missing(1)));
            }
            var utilDay = utilization?.Facts.FirstOrDefault(f => f.Day == day);
            if (bindings.GpuUtilization is not null)
            {
                parts.Add(("gpuUtilization", utilDay?.Completeness ?? Completeness.Missing(1)));
            }
            decimal? gpuHours = null;
            if (bindings.Fleet is not null)
            {
                var (hours, completeness) = fleetHours.SumFor(bindings.Fleet.Source, resources, day);
                gpuHours = hours;
                parts.Add(("fleet", completeness));
            }
            decimal? actualCost = null;
            if (bindings.GpuCost is not null)
            {
                var (cost, completeness) = resourceCosts.SumFor(bindings.GpuCost.Source, resources, day);
                actualCost = cost;
                parts.Add(("gpuCost", completeness));
            }
            var (apiRequests, apiInput, apiOutput, apiCompleteness) = ApiUsageOn(apiUsage, bindings.ApiUsage, day);
            if (bindings.ApiUsage is not null)
            {
                parts.Add(("apiUsage", apiCompleteness));
            }
            decimal? apiActual = null;
            if (bindings.ApiCost is not null)
            {
                var costs = apiCost?.Facts.Where(f => f.Day == day).ToList() ?? [];
                apiActual = costs.Count > 0 && costs.All(c => c.AmountUsd is not null) ? costs.Sum(c => c.AmountUsd!.Value) : null;
                parts.Add(("apiCost", costs.Count > 0 ? Completeness.Combine(costs.Select(c => c.Completeness)) : Completeness.Missing(1)));
            }

            var runningInstances = gpuHours is > 0m ? Math.Max(1m, gpuHours.Value / 24m) : 1m;
            observations.Add(new DailyObservation(
                Day: day,
                GpuHours: gpuHours,
                ActualGpuCost: actualCost is { } c ? new Money(c) : null,
                ListHourlyRate: price.Rate,
                Requests: selfDay?.Requests,
                InputTokens: selfDay?.InputTokens,
                OutputTokens: selfDay?.OutputTokens,
                PeakTokensPerSecondPerInstance: selfDay?.P95TokensPerSecond is { } p95 ? (decimal)p95 / runningInstances : null,
                ApiRequests: apiRequests,
                ApiInputTokens: apiInput,
                ApiOutputTokens: apiOutput,
                ApiActualCost: apiActual is { } a ? new Money(a) : null,
                // The worst source's share, not the pooled points: a complete high-frequency source must not hide a
                // missing one (pooling would let 288 vLLM samples outvote 24 fleet hours; docs/economics.md, "Completeness").
                Completeness: parts.Count == 0 ? 0m : (decimal)parts.Min(p => p.Completeness.Ratio),
                ListRateBasis: price.Basis,
                MeanTokensPerSecondPerInstance: selfDay?.AverageTokensPerSecond is { } mean ? (decimal)mean / runningInstances : null));
            details[day] = new DayDetail(
                utilDay?.AverageUtilizationPercent,
                actualCost is not null ? PriceSource.ActualCost : price.Basis.ListPriceSource(),
                actualCost is not null ? null : price.AsOf,
                string.Join("; ", parts.Where(p => !p.Completeness.IsComplete).Select(p => $"{p.Name} {p.Completeness}")));
        }
        return new WorkloadObservations(workload.Id, observations, details, failures, issues);
    }

    private static (decimal? Requests, decimal? Input, decimal? Output, Completeness Completeness) ApiUsageOn(
        TelemetryResult<ApiUsageFact>? usage, SourceBinding? binding, DateOnly day)
    {
        if (usage is null || binding is null)
        {
            return (null, null, null, Completeness.Missing(1));
        }
        var facts = usage.Facts.Where(f => f.Day == day
            && (binding.Deployment is null || string.Equals(f.Selector.Deployment, binding.Deployment, StringComparison.OrdinalIgnoreCase))
            && (binding.Model is null || string.Equals(f.Selector.Model, binding.Model, StringComparison.OrdinalIgnoreCase))).ToList();
        if (facts.Count == 0)
        {
            return (null, null, null, Completeness.Missing(1));
        }
        decimal? Sum(Func<ApiUsageFact, long?> pick) => facts.All(f => pick(f) is not null) ? facts.Sum(f => (decimal)pick(f)!.Value) : null;
        return (Sum(f => f.Requests), Sum(f => f.InputTokens), Sum(f => f.OutputTokens), Completeness.Combine(facts.Select(f => f.Completeness)));
    }

    private sealed record PriceInfo(HourlyRate? Rate, GpuRateBasis Basis, DateTimeOffset? AsOf);

    private async Task<PriceInfo> GpuPriceAsync(WorkloadDefinition workload, List<string> failures, CancellationToken cancellationToken)
    {
        var economics = workload.Economics;
        if (workload.Telemetry.GpuPrice is { } binding && workload.GpuSku is { } sku && workload.Region is { } region)
        {
            using var read = CostOpsTelemetry.StartUpstreamRead("gpuPrice", binding.Source, workload.Id);
            try
            {
                var fact = await sources.Get<IGpuPriceSource>(binding.Source).GetGpuPriceAsync(sku, region, cancellationToken);
                if (fact.PayAsYouGoHourly is { } hourly)
                {
                    return new PriceInfo(new HourlyRate(hourly), GpuRateBasis.RetailPrice, fact.FetchedAt);
                }
            }
            catch (TelemetrySourceException ex)
            {
                // A list price is only a fallback for days without actual cost: keep the catalog's rate, note why.
                read.Fail(ex.Message);
                failures.Add($"{binding.Source}: {ex.Message}");
            }
        }
        return new PriceInfo(economics.ListHourlyRate, economics.ListHourlyRate is null ? GpuRateBasis.Unknown : economics.ListRateBasis, null);
    }

    private async Task<TelemetryResult<TFact>?> TryAsync<TFact>(
        string signal,
        string workloadId,
        SourceBinding? binding,
        List<string> failures,
        List<string> issues,
        Func<SourceBinding, ITelemetrySourceCatalog, Task<TelemetryResult<TFact>>> read)
    {
        if (binding is null)
        {
            return null;
        }
        using var span = CostOpsTelemetry.StartUpstreamRead(signal, binding.Source, workloadId);
        try
        {
            var result = await read(binding, sources);
            issues.AddRange(result.Issues.Select(i => $"{i.Source}: {i.Subject}: {i.Message}"));
            return result;
        }
        catch (TelemetrySourceException ex)
        {
            span.Fail(ex.Message);
            failures.Add($"{ex.SourceName}: {ex.Message}");
            return null;
        }
    }

    private async Task<ResourceFacts> ByResourceAsync(
        IReadOnlyList<WorkloadDefinition> workloads,
        string signal,
        Func<WorkloadDefinition, SourceBinding?> binding,
        Func<string, IReadOnlyList<string>, Task<Dictionary<(string, DateOnly), (decimal? Value, Completeness Completeness)>>> read)
    {
        var facts = new ResourceFacts();
        var bySource = workloads
            .Where(w => binding(w) is not null)
            .GroupBy(w => binding(w)!.Source, StringComparer.OrdinalIgnoreCase);
        foreach (var group in bySource)
        {
            var ids = group.SelectMany(w => w.Resources.ResourceIds).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (ids.Count == 0)
            {
                continue;
            }
            using var span = CostOpsTelemetry.StartUpstreamRead(signal, group.Key);
            try
            {
                facts.Add(group.Key, await read(group.Key, ids));
            }
            catch (TelemetrySourceException ex)
            {
                span.Fail(ex.Message);
                facts.Fail(group.Key, $"{ex.SourceName}: {ex.Message}");
            }
        }
        return facts;
    }

    private static Dictionary<(string, DateOnly), (decimal? Value, Completeness Completeness)> Project<TFact>(
        TelemetryResult<TFact> result,
        Func<TFact, string> resource,
        Func<TFact, DateOnly> day,
        Func<TFact, (decimal? Value, Completeness Completeness)> value)
    {
        var map = new Dictionary<(string, DateOnly), (decimal?, Completeness)>(ResourceDayComparer.Instance);
        foreach (var fact in result.Facts)
        {
            map[(resource(fact), day(fact))] = value(fact);
        }
        return map;
    }

    /// <summary>Facts keyed by (resource id, day) per source, with the sources that failed.</summary>
    private sealed class ResourceFacts
    {
        private readonly Dictionary<string, Dictionary<(string, DateOnly), (decimal? Value, Completeness Completeness)>> _bySource = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, string> _failures = new(StringComparer.OrdinalIgnoreCase);

        public void Add(string source, Dictionary<(string, DateOnly), (decimal? Value, Completeness Completeness)> facts) => _bySource[source] = facts;

        public void Fail(string source, string message) => _failures[source] = message;

        public IEnumerable<string> FailuresFor(string source) =>
            _failures.TryGetValue(source, out var message) ? [message] : [];

        /// <summary>The sum over <paramref name="resources"/>, or null when any resource's value is unknown.</summary>
        public (decimal? Sum, Completeness Completeness) SumFor(string source, IReadOnlyList<string> resources, DateOnly day)
        {
            if (resources.Count == 0 || !_bySource.TryGetValue(source, out var facts))
            {
                return (null, Completeness.Missing(Math.Max(1, resources.Count)));
            }
            decimal sum = 0m;
            var known = true;
            var completeness = new Completeness(0, 0);
            foreach (var resource in resources)
            {
                if (facts.TryGetValue((resource, day), out var fact))
                {
                    completeness = completeness.Add(fact.Completeness);
                    if (fact.Value is { } value)
                    {
                        sum += value;
                        continue;
                    }
                }
                else
                {
                    completeness = completeness.Add(Completeness.Missing(1));
                }
                known = false;
            }
            return (known ? sum : null, completeness);
        }
    }

    private sealed class ResourceDayComparer : IEqualityComparer<(string Resource, DateOnly Day)>
    {
        public static readonly ResourceDayComparer Instance = new();

        public bool Equals((string Resource, DateOnly Day) x, (string Resource, DateOnly Day) y) =>
            x.Day == y.Day && string.Equals(x.Resource, y.Resource, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string Resource, DateOnly Day) key) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(key.Resource), key.Day.DayNumber);
    }
}
