namespace CostOps.Application.Digest.Inputs;

/// <summary>One autopilot decision for a workload (table <c>Decisions</c>), reduced to what the digest reports.</summary>
/// <param name="WorkloadId">The workload the decision is about.</param>
/// <param name="DecidedAt">When the decision was made.</param>
/// <param name="Action">The action chosen.</param>
/// <param name="Mode">The autopilot mode at the time.</param>
/// <param name="Reason">The rule or guardrail that explains the decision, in words.</param>
/// <param name="Outcome">What became of it.</param>
public sealed record DigestDecisionRow(
    string WorkloadId,
    DateTimeOffset DecidedAt,
    DecisionAction Action,
    DecisionMode Mode,
    string Reason,
    DecisionOutcome Outcome);
