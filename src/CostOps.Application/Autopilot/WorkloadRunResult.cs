using CostOps.Application.Ports;
using CostOps.Application.Results;
using CostOps.Domain.Autopilot;

namespace CostOps.Application.Autopilot;

/// <summary>How one workload fared in an autopilot run: its decision, the row stored for it, and any problem.</summary>
/// <param name="Stored">The Decisions row as last written (status, per-target outcomes, write sent).</param>
/// <param name="Problems">Inputs that could not be read, and rows that could not be written; empty when none.</param>
public sealed record WorkloadRunResult(Decision Decision, StoredDecision Stored, IReadOnlyList<string> Problems)
{
    public string WorkloadId => Decision.WorkloadId;

    public DecisionOutcomeStatus Status => Stored.OutcomeStatus;

    public IReadOnlyList<FleetActionOutcome> Outcomes => Stored.Outcomes;

    /// <summary>Resource writes this run sent for the workload.</summary>
    public int WritesSent => Stored.Outcomes.Count(o => o.WriteSent);

    /// <summary>Something went wrong: an input or a row, or an action that did not reach its target.</summary>
    public bool Failed => Problems.Count > 0 || Status is DecisionOutcomeStatus.Failed or DecisionOutcomeStatus.Partial or DecisionOutcomeStatus.NotActed;
}
