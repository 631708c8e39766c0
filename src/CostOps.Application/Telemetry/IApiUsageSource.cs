namespace CostOps.Application.Telemetry;

/// <summary>Reads daily token and request usage of a paid LLM API (Azure OpenAI metrics, OpenAI or Anthropic admin APIs, usage files).</summary>
public interface IApiUsageSource
{
    /// <summary>
    /// One fact per selector and UTC day of <see cref="ApiTelemetryQuery.Days"/>. Days for which the
    /// source has no data are reported with null figures and a completeness below 1.
    /// </summary>
    /// <exception cref="TelemetrySourceException">The source could not answer.</exception>
    Task<TelemetryResult<ApiUsageFact>> GetDailyUsageAsync(ApiTelemetryQuery query, CancellationToken cancellationToken = default);
}
