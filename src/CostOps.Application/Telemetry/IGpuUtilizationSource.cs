namespace CostOps.Application.Telemetry;

/// <summary>Reads daily GPU utilization (DCGM exporter metrics through a Prometheus-compatible API or exported range files).</summary>
public interface IGpuUtilizationSource
{
    /// <summary>One fact per UTC day of <see cref="SelfHostedQuery.Days"/>.</summary>
    /// <exception cref="TelemetrySourceException">The source could not answer or answered with an error.</exception>
    Task<TelemetryResult<GpuUtilizationFact>> GetDailyUtilizationAsync(SelfHostedQuery query, CancellationToken cancellationToken = default);
}
