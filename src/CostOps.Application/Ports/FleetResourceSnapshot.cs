using CostOps.Domain.Autopilot;

namespace CostOps.Application.Ports;

/// <summary>A VM or scale set as ARM reported it at <see cref="ObservedAt"/>.</summary>
/// <param name="PowerState">VMs: the instance view's <c>PowerState/*</c> code; scale sets: <see cref="VmPowerState.Unknown"/>.</param>
/// <param name="Capacity">Scale sets: <c>sku.capacity</c>; VMs: null.</param>
/// <param name="Sku">The VM size (<c>hardwareProfile.vmSize</c> or the scale set's <c>sku.name</c>).</param>
public sealed record FleetResourceSnapshot(
    string ResourceId,
    ComputeResourceKind Kind,
    VmPowerState PowerState,
    int? Capacity,
    string? Sku,
    IReadOnlyDictionary<string, string> Tags,
    DateTimeOffset ObservedAt)
{
    /// <summary>The state in words: "running", "deallocated", "capacity 3".</summary>
    public string StateText => ToFleetResource(false, null).StateText;

    /// <summary>The domain's view, completed with what ARM does not know: scarcity (price book) and the last autopilot action (Decisions table).</summary>
    public FleetResource ToFleetResource(bool scarceSku, DateTimeOffset? lastActionAt) =>
        new(ResourceId, Kind, Tags, PowerState, Capacity, Sku, scarceSku, lastActionAt);
}
