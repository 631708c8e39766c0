namespace CostOps.Domain.Autopilot;

/// <summary>
/// The write a target needs. There is deliberately no power-off: a powered-off VM stays allocated
/// and billed, so the autopilot always deallocates.
/// </summary>
public enum TargetOperation
{
    /// <summary>The decision does not touch this resource.</summary>
    None = 0,

    /// <summary>VM: deallocate (stops compute billing).</summary>
    Deallocate = 1,

    /// <summary>VM: start (REST <c>start</c>, SDK <c>PowerOnAsync</c>).</summary>
    Start = 2,

    /// <summary>Scale set: set <c>sku.capacity</c> to the target's capacity (0 pauses it).</summary>
    SetCapacity = 3,
}
