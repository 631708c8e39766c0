namespace CostOps.Domain.Autopilot;

/// <summary>A target while the rules still work on it: guardrails and the run's budget may block it.</summary>
internal sealed class TargetDraft(FleetResource resource, TargetOperation operation, int? capacity, TargetStatus status)
{
    private readonly SortedSet<Guardrail> _blockedBy = [];

    public FleetResource Resource { get; } = resource;

    public TargetOperation Operation { get; } = operation;

    public int? Capacity { get; } = capacity;

    public TargetStatus Status { get; private set; } = status;

    /// <summary>Needs a write: either planned, or blocked (by a guardrail or an unsettled state).</summary>
    public bool NeedsChange => Status is TargetStatus.Act or TargetStatus.Blocked;

    /// <summary>The write would give up GPU capacity that may not come back (deallocate, fewer instances).</summary>
    public bool ReleasesCapacity => Operation switch
    {
        TargetOperation.Deallocate => true,
        TargetOperation.SetCapacity => Capacity < (Resource.Capacity ?? int.MaxValue),
        _ => false,
    };

    public static TargetDraft Unchanged(FleetResource resource) => new(resource, TargetOperation.None, null, TargetStatus.NoChange);

    public static TargetDraft Unsettled(FleetResource resource, TargetOperation operation, int? capacity)
    {
        var draft = new TargetDraft(resource, operation, capacity, TargetStatus.Blocked);
        draft.Block(Guardrail.StateUnsettled);
        return draft;
    }

    public void Block(Guardrail guardrail)
    {
        _blockedBy.Add(guardrail);
        Status = TargetStatus.Blocked;
    }

    public ResourceTarget ToTarget() => new(Resource, Operation, Capacity, Status, [.. _blockedBy]);
}
