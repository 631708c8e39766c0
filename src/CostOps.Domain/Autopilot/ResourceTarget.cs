namespace CostOps.Domain.Autopilot;

/// <summary>What a decision means for one resource: the write it needs, and whether it will be made.</summary>
/// <param name="Resource">The resource as observed before the decision (kept as part of the decision's inputs).</param>
/// <param name="Operation">The write the rule wants; <see cref="TargetOperation.None"/> when the rule does not concern it.</param>
/// <param name="Capacity">For <see cref="TargetOperation.SetCapacity"/>: the capacity to set.</param>
/// <param name="Status">Act, already in state, blocked or not concerned.</param>
/// <param name="BlockedBy">Every guardrail that blocked this resource's change (empty unless <see cref="TargetStatus.Blocked"/>).</param>
public sealed record ResourceTarget(
    FleetResource Resource,
    TargetOperation Operation,
    int? Capacity,
    TargetStatus Status,
    IReadOnlyList<Guardrail> BlockedBy)
{
    public string ResourceId => Resource.Id;

    public ComputeResourceKind Kind => Resource.Kind;

    /// <summary>The desired state in words: "deallocated", "running", "capacity 3".</summary>
    public string TargetStateText => Operation switch
    {
        TargetOperation.Deallocate => "deallocated",
        TargetOperation.Start => "running",
        TargetOperation.SetCapacity => $"capacity {Capacity}",
        _ => Resource.StateText,
    };
}
