using System.Diagnostics.CodeAnalysis;

namespace CostOps.Application.Telemetry;

/// <summary>
/// The telemetry sources configured under <c>CostOps:Sources</c>, by name. A source offers one or more
/// ports (e.g. an OpenAI source is both an <see cref="IApiUsageSource"/> and an <see cref="IApiCostSource"/>).
/// </summary>
public interface ITelemetrySourceCatalog
{
    /// <summary>The configured source names.</summary>
    IReadOnlyCollection<string> Names { get; }

    /// <summary>The source named <paramref name="name"/> as <typeparamref name="TPort"/>, if it offers that port.</summary>
    bool TryGet<TPort>(string name, [NotNullWhen(true)] out TPort? port)
        where TPort : class;

    /// <summary>The source named <paramref name="name"/> as <typeparamref name="TPort"/>.</summary>
    /// <exception cref="KeyNotFoundException">No source has that name, or it does not offer <typeparamref name="TPort"/>.</exception>
    TPort Get<TPort>(string name)
        where TPort : class;
}
