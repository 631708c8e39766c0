namespace CostOps.Application.Telemetry;

/// <summary>Reads the GPU fleet's running hours per day (read only); the autopilot reads current state through <c>IFleetController</c>.</summary>
public interface IFleetStateSource
{
    /// <summary>One fact per resource and UTC day.</summary>
    /// <exception cref="TelemetrySourceException">ARM or Azure Monitor could not be reached.</exception>
    Task<TelemetryResult<RunningHoursFact>> GetDailyRunningHoursAsync(FleetQuery query, CancellationToken cancellationToken = default);
}
