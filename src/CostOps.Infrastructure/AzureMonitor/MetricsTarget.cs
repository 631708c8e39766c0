namespace CostOps.Infrastructure.AzureMonitor;

/// <summary>A resource to read metrics for, with its region when known (the batch API is regional; without a region the ARM API is used).</summary>
public sealed record MetricsTarget(string ResourceId, string? Region);
