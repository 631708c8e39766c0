namespace CostOps.Application.Telemetry;

/// <summary>Reads the traffic a self-hosted model served per day (vLLM Prometheus counters, live or from exported range files).</summary>
public interface ISelfHostedUsageSource
{
    /// <summary>One fact per UTC day of <see cref="SelfHostedQuery.Days"/>.</summary>
    /// <exception cref="TelemetrySourceException">The source could not answer or answered with an error.</exception>
    Task<TelemetryResult<SelfHostedUsageFact>> GetDailyUsageAsync(SelfHostedQuery query, CancellationToken cancellationToken = default);
}
