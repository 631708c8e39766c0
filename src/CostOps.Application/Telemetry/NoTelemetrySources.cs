using System.Diagnostics.CodeAnalysis;

namespace CostOps.Application.Telemetry;

/// <summary>The source catalog when <c>CostOps:Sources</c> configures none: every binding's facts are unknown.</summary>
public sealed class NoTelemetrySources : ITelemetrySourceCatalog
{
    public IReadOnlyCollection<string> Names => [];

    public bool TryGet<TPort>(string name, [NotNullWhen(true)] out TPort? port)
        where TPort : class
    {
        port = null;
        return false;
    }

    public TPort Get<TPort>(string name)
        where TPort : class =>
        throw new KeyNotFoundException($"no telemetry source named '{name}' is configured under CostOps:Sources");
}
