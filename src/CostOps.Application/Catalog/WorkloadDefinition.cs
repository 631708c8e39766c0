using CostOps.Domain.Observed;
using CostOps.Domain.WhatIf;

namespace CostOps.Application.Catalog;

/// <summary>One workload of the catalog: what serves it, where its telemetry comes from, what it costs, and how the autopilot may treat it.</summary>
/// <param name="Id">Stable id, used as the PartitionKey of its rows (letters, digits, '-', '_', '.').</param>
/// <param name="Economics">Cost terms for the TCO: go-live, one-off, recurring, retraining, API option, instances.</param>
/// <param name="Resources">The self-hosted fleet: VM / scale set ids and/or a tag selector.</param>
/// <param name="Telemetry">Which configured source answers each fact.</param>
/// <param name="GpuSku">The VM size, for list prices and the scarce-SKU guard.</param>
/// <param name="Quality">Eval accuracies, when known.</param>
public sealed record WorkloadDefinition(
    string Id,
    string DisplayName,
    WorkloadEconomics Economics,
    FleetSelection Resources,
    TelemetryBindings Telemetry,
    string? GpuSku,
    string? Region,
    QualityProfile? Quality,
    AutopilotSettings Autopilot);

/// <summary>The GPU resources that serve a workload: explicit ARM ids, and/or every resource carrying the given tags.</summary>
/// <param name="ResourceIds">VM and scale set ids, as listed.</param>
/// <param name="TagSelector">Tags every resource of the fleet carries (names and values compare case-insensitively).</param>
/// <param name="Subscriptions">Subscription ids the tag selector is resolved in; empty to use the resolver's configured ones.</param>
public sealed record FleetSelection(IReadOnlyList<string> ResourceIds, IReadOnlyDictionary<string, string> TagSelector, IReadOnlyList<string> Subscriptions)
{
    /// <summary>A selection without subscriptions of its own.</summary>
    public FleetSelection(IReadOnlyList<string> resourceIds, IReadOnlyDictionary<string, string> tagSelector)
        : this(resourceIds, tagSelector, [])
    {
    }
}

/// <summary>
/// Which configured source (by name, from <c>CostOps:Sources</c>) answers each fact for this workload,
/// with the selector that picks the workload's share of it. Every binding is optional; an absent
/// source makes its facts unknown (never zero).
/// </summary>
public sealed record TelemetryBindings(
    SourceBinding? SelfHostedUsage,
    SourceBinding? GpuUtilization,
    SourceBinding? Fleet,
    SourceBinding? GpuCost,
    SourceBinding? GpuPrice,
    SourceBinding? ApiUsage,
    SourceBinding? ApiCost);

/// <summary>A source name plus what selects this workload's data in it.</summary>
/// <param name="Source">The name of a source under <c>CostOps:Sources</c>.</param>
/// <param name="LabelSelector">Prometheus label matchers without braces (e.g. <c>model_name="triage"</c>).</param>
/// <param name="Scopes">API scopes: Azure OpenAI account ids, OpenAI project ids, Anthropic workspace ids.</param>
/// <param name="Deployment">Azure OpenAI deployment name.</param>
/// <param name="Model">Model name filter for OpenAI / Anthropic usage.</param>
public sealed record SourceBinding(string Source, string? LabelSelector, IReadOnlyList<string> Scopes, string? Deployment, string? Model);

/// <summary>The autopilot policy a workload opts into; the stricter of this mode and the global mode wins.</summary>
public sealed record AutopilotSettings(
    string Mode,
    decimal Band,
    int ConsecutiveDays,
    int CooldownHours,
    decimal MinCompleteness,
    int MaxPriceAgeDays,
    bool AllowDeallocateScarceSku)
{
    public static readonly IReadOnlyList<string> Modes = ["off", "dry-run", "enforce"];

    public static AutopilotSettings Default { get; } = new("dry-run", 0.15m, 5, 72, 0.9m, 7, false);
}
