namespace CostOps.Application.Telemetry;

/// <summary>
/// The current state of one GPU VM or scale set, read from ARM (read only).
/// </summary>
/// <param name="ResourceId">The ARM resource id.</param>
/// <param name="Kind">VM or scale set.</param>
/// <param name="PowerState">VMs: the instance view's <c>PowerState/*</c> code. Scale sets: <see cref="PowerState.Running"/>
/// when the capacity is above 0, <see cref="PowerState.Deallocated"/> at 0.</param>
/// <param name="Capacity">Scale sets: <c>sku.capacity</c>; VMs: null.</param>
/// <param name="ObservedAt">When the state was read.</param>
public sealed record FleetResourceState(
    string ResourceId,
    FleetResourceKind Kind,
    PowerState PowerState,
    long? Capacity,
    DateTimeOffset ObservedAt);
