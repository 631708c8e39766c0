namespace CostOps.Infrastructure.Telemetry;

/// <summary>The telemetry part of the <c>CostOps</c> configuration section.</summary>
public sealed class TelemetrySourcesOptions
{
    public const string SectionName = "CostOps";

    /// <summary><c>CostOps:Sources</c>: the named sources, in order.</summary>
    public List<TelemetrySourceOptions> Sources { get; set; } = [];

    /// <summary><c>CostOps:Telemetry</c>: retries and identity.</summary>
    public TelemetryOptions Telemetry { get; set; } = new();
}
