using System.Globalization;
using System.Text.RegularExpressions;
using CostOps.Application.Catalog;

namespace CostOps.Application.Nightly.FanOut;

/// <summary>
/// Splits a night's workloads into shards by source scope: workloads whose fleets live in the same subscription and
/// region and whose telemetry comes from the same sources are computed together, so each shard still sends one
/// batched call per source (a Prometheus range query per metric, a Cost Management query per scope, metrics:getBatch
/// over its resources) instead of one per workload.
/// </summary>
public static partial class NightlyShardPlanner
{
    [GeneratedRegex("^/subscriptions/([^/]+)/", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SubscriptionOf();

    /// <summary>The shards of <paramref name="workloads"/>, ordered by scope; ids follow that order.</summary>
    public static IReadOnlyList<NightlyShard> Plan(IReadOnlyList<WorkloadDefinition> workloads)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        return workloads
            .GroupBy(ScopeOf, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select((group, index) => new NightlyShard(
                "s" + (index + 1).ToString("00", CultureInfo.InvariantCulture),
                group.Key,
                [.. group.Select(w => w.Id)]))
            .ToList();
    }

    /// <summary>"subscription 6f1c…; region eastus; sources demo-costs, demo-prometheus" (parts that are unknown are left out).</summary>
    public static string ScopeOf(WorkloadDefinition workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var subscriptions = workload.Resources.ResourceIds
            .Select(id => SubscriptionOf().Match(id))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value.ToLowerInvariant())
            .Concat(workload.Resources.Subscriptions.Select(s => s.ToLowerInvariant()))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var t = workload.Telemetry;
        var sources = new[] { t.SelfHostedUsage, t.GpuUtilization, t.Fleet, t.GpuCost, t.GpuPrice, t.ApiUsage, t.ApiCost }
            .Where(b => b is not null)
            .Select(b => b!.Source.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var parts = new List<string>();
        if (subscriptions.Count > 0)
        {
            parts.Add($"subscription {string.Join(", ", subscriptions)}");
        }
        if (!string.IsNullOrWhiteSpace(workload.Region))
        {
            parts.Add($"region {workload.Region.ToLowerInvariant()}");
        }
        parts.Add(sources.Count > 0 ? $"sources {string.Join(", ", sources)}" : "no sources");
        return string.Join("; ", parts);
    }
}
