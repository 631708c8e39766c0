using CostOps.Domain.Autopilot;

namespace CostOps.Application.Ports;

/// <summary>
/// Reads and changes the GPU fleet for the autopilot: VM power state (deallocate / start) and
/// scale set capacity. Implementations never power a VM off (it would stay billed), send no write
/// unless the mode is <see cref="AutopilotMode.Enforce"/>, and report ARM failures as outcomes
/// rather than exceptions, so one failing resource never stops a run.
/// </summary>
public interface IFleetController
{
    /// <summary>
    /// The resource's current state: a VM's power state (instance view) and size, or a scale
    /// set's capacity and size, with the resource's tags.
    /// </summary>
    /// <param name="resourceId">An ARM id of a <c>Microsoft.Compute/virtualMachines</c> or <c>virtualMachineScaleSets</c> resource.</param>
    /// <exception cref="FleetControlException">ARM refused the read or could not be reached; carries the HTTP status and error code.</exception>
    /// <exception cref="ArgumentException">The id is not a VM or scale set id.</exception>
    Task<FleetResourceSnapshot> ReadAsync(string resourceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Carries out one target of a decision: reads the resource, returns
    /// <see cref="FleetActionStatus.AlreadyInState"/> without a write when it is already there,
    /// otherwise (in Enforce mode only) sends the write, waits for it to complete within the
    /// configured timeout and reads the result back. Targets whose status is not
    /// <see cref="TargetStatus.Act"/> are skipped without any request.
    /// </summary>
    /// <param name="mode">The decision's mode. Off sends nothing; DryRun reads but never writes.</param>
    /// <returns>The outcome, including ARM's status and error code on failure. Only the caller's cancellation throws.</returns>
    Task<FleetActionOutcome> ApplyAsync(ResourceTarget target, AutopilotMode mode, CancellationToken cancellationToken = default);
}
