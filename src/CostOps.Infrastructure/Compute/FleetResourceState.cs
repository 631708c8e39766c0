using CostOps.Domain.Autopilot;

namespace CostOps.Infrastructure.Compute;

/// <summary>
/// The current state of one GPU VM or scale set, read from ARM (read only) by the running-hours source to tell a
/// deallocated resource from a monitoring gap. The autopilot reads its own, fuller view (<c>FleetResourceSnapshot</c>).
/// </summary>
/// <param name="ResourceId">The ARM resource id.</param>
/// <param name="Kind">VM or scale set.</param>
/// <param name="PowerState">VMs: the instance view's <c>PowerState/*</c> code. Scale sets: <see cref="VmPowerState.Running"/>
/// when the capacity is above 0, <see cref="VmPowerState.Deallocated"/> at 0.</param>
/// <param name="Capacity">Scale sets: <c>sku.capacity</c>; VMs: null.</param>
/// <param name="ObservedAt">When the state was read.</param>
public sealed record FleetResourceState(
    string ResourceId,
    ComputeResourceKind Kind,
    VmPowerState PowerState,
    long? Capacity,
    DateTimeOffset ObservedAt);
