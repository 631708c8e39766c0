using System.Diagnostics.CodeAnalysis;
using CostOps.Application.Telemetry;
using Microsoft.Extensions.Options;

namespace CostOps.Infrastructure.Telemetry;

/// <summary>
/// The configured sources by name. Adapters are built on first use (a source that is never asked for never builds a
/// client) and then kept for the life of the process.
/// </summary>
internal sealed class TelemetrySourceCatalog : ITelemetrySourceCatalog
{
    private readonly Dictionary<string, Lazy<IReadOnlyList<object>>> _sources = new(StringComparer.OrdinalIgnoreCase);

    public TelemetrySourceCatalog(IOptions<TelemetrySourcesOptions> options, TelemetrySourceFactory factory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(factory);
        var value = options.Value;
        foreach (var source in value.Sources)
        {
            var captured = source;
            _sources[source.Name!.Trim()] = new Lazy<IReadOnlyList<object>>(() => factory.Create(captured, value.Telemetry.Retry));
        }
    }

    public IReadOnlyCollection<string> Names => _sources.Keys;

    public bool TryGet<TPort>(string name, [NotNullWhen(true)] out TPort? port)
        where TPort : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        port = _sources.TryGetValue(name.Trim(), out var adapters) ? adapters.Value.OfType<TPort>().FirstOrDefault() : null;
        return port is not null;
    }

    public TPort Get<TPort>(string name)
        where TPort : class =>
        TryGet<TPort>(name, out var port)
            ? port
            : throw new KeyNotFoundException(_sources.ContainsKey(name.Trim())
                ? $"Telemetry source '{name}' does not offer {typeof(TPort).Name}."
                : $"No telemetry source is named '{name}' (configured: {string.Join(", ", _sources.Keys)}).");
}
