namespace CostOps.Domain.Autopilot;

/// <summary>
/// One VM or scale set of a workload's self-hosted fleet, as observed just before the decision.
/// </summary>
/// <param name="Id">The ARM resource id.</param>
/// <param name="Tags">The resource's tags (see <see cref="AutopilotTags"/>).</param>
/// <param name="PowerState">VMs: the instance view's power state. Scale sets: <see cref="VmPowerState.Unknown"/> (unused).</param>
/// <param name="Capacity">Scale sets: <c>sku.capacity</c>; null when unknown. VMs: null.</param>
/// <param name="Sku">The VM size, e.g. <c>Standard_NC40ads_H100_v5</c>, when known.</param>
/// <param name="ScarceSku">The size is hard to re-allocate once released (<c>GpuSkuPrice.Scarce</c>).</param>
/// <param name="LastActionAt">When the autopilot last changed this resource, for the cooldown; null if never.</param>
public sealed record FleetResource(
    string Id,
    ComputeResourceKind Kind,
    IReadOnlyDictionary<string, string> Tags,
    VmPowerState PowerState,
    int? Capacity,
    string? Sku,
    bool ScarceSku,
    DateTimeOffset? LastActionAt)
{
    public static FleetResource VirtualMachine(
        string id,
        VmPowerState powerState,
        IReadOnlyDictionary<string, string> tags,
        string? sku = null,
        bool scarceSku = false,
        DateTimeOffset? lastActionAt = null) =>
        new(id, ComputeResourceKind.VirtualMachine, tags, powerState, null, sku, scarceSku, lastActionAt);

    public static FleetResource ScaleSet(
        string id,
        int? capacity,
        IReadOnlyDictionary<string, string> tags,
        string? sku = null,
        bool scarceSku = false,
        DateTimeOffset? lastActionAt = null) =>
        new(id, ComputeResourceKind.ScaleSet, tags, VmPowerState.Unknown, capacity, sku, scarceSku, lastActionAt);

    /// <summary>The last segment of the ARM id: what people call the resource.</summary>
    public string Name
    {
        get
        {
            var trimmed = Id.TrimEnd('/');
            return trimmed[(trimmed.LastIndexOf('/') + 1)..];
        }
    }

    /// <summary>The state in words, as the decision's reason and record show it.</summary>
    public string StateText => Kind == ComputeResourceKind.ScaleSet
        ? Capacity is { } capacity ? $"capacity {capacity}" : "capacity unknown"
        : PowerState.ToString().ToLowerInvariant();
}
