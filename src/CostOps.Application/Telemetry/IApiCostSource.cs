namespace CostOps.Application.Telemetry;

/// <summary>Reads what a paid LLM API actually billed per day (OpenAI costs, Anthropic cost report).</summary>
public interface IApiCostSource
{
    /// <summary>One fact per scope and UTC day; days the provider has not reported yet are null with completeness 0.</summary>
    /// <exception cref="TelemetrySourceException">The source could not answer.</exception>
    Task<TelemetryResult<ApiCostFact>> GetDailyCostsAsync(ApiTelemetryQuery query, CancellationToken cancellationToken = default);
}
