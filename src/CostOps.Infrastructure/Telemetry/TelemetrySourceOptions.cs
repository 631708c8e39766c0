namespace CostOps.Infrastructure.Telemetry;

/// <summary>
/// One entry of <c>CostOps:Sources</c>. Which keys apply depends on <see cref="Type"/>; the validator reports keys
/// that are missing for the type and keys that do not apply to it. Secrets are never values here: an admin key is
/// named by <see cref="ApiKeySetting"/> (in Azure, an app setting holding a Key Vault reference).
/// </summary>
public sealed class TelemetrySourceOptions
{
    /// <summary>Unique name the workload catalog refers to.</summary>
    public string? Name { get; set; }

    /// <summary>One of <see cref="TelemetrySourceTypes"/>.</summary>
    public string? Type { get; set; }

    /// <summary>The API's base URI. Required for <c>prometheus</c>; optional elsewhere (defaults to the public endpoints).</summary>
    public string? Endpoint { get; set; }

    /// <summary>Metrics batch endpoint template with <c>{region}</c> (azureMonitor, azureOpenAI, arm).</summary>
    public string? BatchEndpoint { get; set; }

    /// <summary>Azure region of the resources (azureMonitor, azureOpenAI, arm); without it metrics are read per resource through ARM.</summary>
    public string? Region { get; set; }

    /// <summary>Default ARM resource ids (azureMonitor, azureOpenAI: Cognitive Services accounts, arm: VMs and scale sets).</summary>
    public List<string> ResourceIds { get; set; } = [];

    /// <summary>The Cost Management scope, e.g. <c>/subscriptions/{id}</c> (costManagement).</summary>
    public string? Scope { get; set; }

    /// <summary><c>Cost</c> (default) or <c>PreTaxCost</c> (costManagement).</summary>
    public string? CostColumn { get; set; }

    /// <summary>Resource types kept by the cost query (costManagement); default: VMs and scale sets.</summary>
    public List<string>? ResourceTypes { get; set; }

    /// <summary>The NAME of the setting that holds the admin key (openai, anthropic). Never the key itself.</summary>
    public string? ApiKeySetting { get; set; }

    /// <summary><c>none</c> (default) or <c>managedIdentity</c> (prometheus: Azure Monitor managed Prometheus).</summary>
    public string? Authentication { get; set; }

    /// <summary><c>POST</c> (default) or <c>GET</c> (prometheus).</summary>
    public string? Method { get; set; }

    /// <summary>Range-query step (prometheus, files/prometheusRange); default 1 minute; must divide a day.</summary>
    public TimeSpan? Step { get; set; }

    /// <summary>
    /// Evaluation steps one range query may return per series (prometheus); default 11,000, Prometheus' own limit.
    /// Longer ranges are read in windows of whole days, so it must cover at least one day at <see cref="Step"/>.
    /// </summary>
    public int? MaxPointsPerSeries { get; set; }

    /// <summary>
    /// Samples one range query may return, all series together (prometheus); default 50,000,000, the response size
    /// Azure Monitor managed Prometheus allows. A fleet's query is split by deployments only when it would pass this.
    /// </summary>
    public long? MaxSamplesPerQuery { get; set; }

    /// <summary>Time series one range query may return (prometheus); default 500,000, managed Prometheus' limit per metric.</summary>
    public int? MaxSeriesPerQuery { get; set; }

    /// <summary><c>auto</c> (default), <c>classic</c> or <c>foundry</c> (azureOpenAI).</summary>
    public string? TokenMetrics { get; set; }

    /// <summary>ISO currency for list prices (retailPrices); default USD.</summary>
    public string? CurrencyCode { get; set; }

    /// <summary>How long a fetched price is reused (retailPrices); default 1 day.</summary>
    public TimeSpan? PriceCacheDuration { get; set; }

    /// <summary>A file or folder (files).</summary>
    public string? Path { get; set; }

    /// <summary>One of <see cref="TelemetryFileFormats"/> (files).</summary>
    public string? Format { get; set; }
}
