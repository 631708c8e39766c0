namespace CostOps.Application.Telemetry;

/// <summary>Reads the GPU fleet's state (read only): power state and capacity now, running hours per day.</summary>
public interface IFleetStateSource
{
    /// <summary>The current power state (VMs) and capacity (scale sets). Resources that cannot be read are issues, not states.</summary>
    /// <exception cref="TelemetrySourceException">ARM could not be reached.</exception>
    Task<TelemetryResult<FleetResourceState>> GetCurrentStateAsync(IReadOnlyList<string> resourceIds, CancellationToken cancellationToken = default);

    /// <summary>One fact per resource and UTC day.</summary>
    /// <exception cref="TelemetrySourceException">ARM or Azure Monitor could not be reached.</exception>
    Task<TelemetryResult<RunningHoursFact>> GetDailyRunningHoursAsync(FleetQuery query, CancellationToken cancellationToken = default);
}
