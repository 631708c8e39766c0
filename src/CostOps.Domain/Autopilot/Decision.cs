namespace CostOps.Domain.Autopilot;

/// <summary>
/// The autopilot's verdict for one workload on one evaluated day: written to storage before any
/// action and acted on only when <see cref="WillAct"/>. Flattened for a table row by <see cref="ToRecord"/>.
/// </summary>
/// <param name="Id">Deterministic for (workload, day, action, acting targets): the same night evaluated on the same
/// state gives the same id, so a caller can tell "already acted on this decision". The mode is not part of it: a
/// dry-run and an enforce decision for the same night share the id, so "already acted" means an outcome with a write
/// sent exists, not merely a stored decision.</param>
/// <param name="Day">The evaluated UTC day (the window's last night).</param>
/// <param name="EvaluatedAt">The run's clock reading.</param>
/// <param name="Mode">The effective mode: the stricter of the global and the workload's.</param>
/// <param name="Action">What will be done; <see cref="DecisionAction.Hold"/> when nothing changes.</param>
/// <param name="Rule">The rule that fired, even when guardrails or the current state turned it into a hold.</param>
/// <param name="BlockedBy">Every guardrail that blocked the action or part of it (incomplete data is always listed).</param>
/// <param name="Targets">One per resource of the workload, ordered by resource id.</param>
/// <param name="Reason">The decision in words: the rule with its figures, the planned writes and every "held:" cause.</param>
/// <param name="Inputs">Thresholds, modes, budget and window the decision was computed from.</param>
public sealed record Decision(
    string Id,
    string WorkloadId,
    DateOnly Day,
    DateTimeOffset EvaluatedAt,
    AutopilotMode Mode,
    DecisionAction Action,
    DecisionRule Rule,
    IReadOnlyList<Guardrail> BlockedBy,
    IReadOnlyList<ResourceTarget> Targets,
    string Reason,
    DecisionInputs Inputs)
{
    /// <summary>What the rule asked for before guardrails and the current state had their say.</summary>
    public DecisionAction ProposedAction => Rule.ProposedAction();

    /// <summary>True when writes are to be sent to Azure: Enforce mode and at least one target to act on.</summary>
    public bool WillAct => Mode == AutopilotMode.Enforce && Action != DecisionAction.Hold;

    /// <summary>The targets to send (Enforce) or to report as "would" (DryRun).</summary>
    public IEnumerable<ResourceTarget> ActingTargets => Targets.Where(t => t.Status == TargetStatus.Act);

    /// <summary>A rule fired but every resource it concerns is already where it wants it: a recorded no-op.</summary>
    public bool IsNoOp =>
        Action == DecisionAction.Hold
        && ProposedAction != DecisionAction.Hold
        && Targets.Any(t => t.Status == TargetStatus.AlreadyInState)
        && Targets.All(t => t.Status is TargetStatus.AlreadyInState or TargetStatus.NoChange);

    /// <summary>The decision as one flat table row (primitives, with the window and targets as JSON strings).</summary>
    public DecisionRecord ToRecord() => DecisionRecord.From(this);
}
