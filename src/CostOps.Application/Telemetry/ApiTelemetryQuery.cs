using CostOps.Domain.Time;

namespace CostOps.Application.Telemetry;

/// <summary>
/// What to read from an API usage or cost source.
/// </summary>
/// <param name="Days">The UTC days to report.</param>
/// <param name="Scopes">Azure OpenAI: account resource ids; OpenAI: project ids; Anthropic: workspace ids.
/// Empty means the source's configured defaults (Azure OpenAI) or everything (OpenAI, Anthropic).</param>
public sealed record ApiTelemetryQuery(DayRange Days, IReadOnlyList<string> Scopes)
{
    /// <summary>A query over <paramref name="days"/> with no scope restriction.</summary>
    public static ApiTelemetryQuery For(DayRange days) => new(days, []);
}
