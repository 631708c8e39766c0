namespace CostOps.Infrastructure.AzureMonitor;

/// <summary>Where the metrics APIs live (overridable for sovereign clouds and loopback tests).</summary>
public sealed record AzureMonitorEndpoints
{
    public const string DefaultBatchTemplate = "https://{region}.metrics.monitor.azure.com";

    /// <summary>The ARM endpoint for per-resource metrics.</summary>
    public Uri Arm { get; init; } = new("https://management.azure.com");

    /// <summary>The regional data-plane endpoint; <c>{region}</c> is replaced by the resources' region.</summary>
    public string BatchTemplate { get; init; } = DefaultBatchTemplate;

    public Uri BatchFor(string region) =>
        new(BatchTemplate.Replace("{region}", region.ToLowerInvariant(), StringComparison.OrdinalIgnoreCase));
}
