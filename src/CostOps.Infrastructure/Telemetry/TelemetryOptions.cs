using CostOps.Infrastructure.Pipeline;

namespace CostOps.Infrastructure.Telemetry;

/// <summary>Settings shared by every source (<c>CostOps:Telemetry</c>).</summary>
public sealed class TelemetryOptions
{
    /// <summary>Bounded retries of every adapter.</summary>
    public RetrySettings Retry { get; set; } = new();

    /// <summary>The client id of the user-assigned managed identity; null uses the default credential chain.</summary>
    public string? ManagedIdentityClientId { get; set; }
}
