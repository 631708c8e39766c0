using System.Text.Json;

namespace CostOps.Functions.Api.Dtos;

/// <summary>
/// What the autopilot would do now (<c>POST /api/autopilot/plan</c>): the rules run on the stored
/// DailyTco window, the fleet's current state and past actions. Nothing is acted on or written.
/// </summary>
/// <param name="Day">The evaluated UTC day (yesterday).</param>
/// <param name="EvaluatedAt">The clock reading the plan was made at.</param>
/// <param name="GlobalMode">The configured deployment-wide mode: off, dry-run or enforce.</param>
/// <param name="ActionsAlreadyTaken">Writes earlier runs of the day already made (they count against the budget).</param>
/// <param name="PlannedWrites">The writes the plan would send (as "would" in dry-run).</param>
/// <param name="Undecided">Workloads whose inputs the rules rejected, one line each naming the field.</param>
public sealed record AutopilotPlanResponse(
    DateOnly Day,
    DateTimeOffset EvaluatedAt,
    string GlobalMode,
    int MaxActionsPerRun,
    int ActionsAlreadyTaken,
    int PlannedWrites,
    IReadOnlyList<PlannedWorkload> Workloads,
    IReadOnlyList<string> Undecided);

/// <summary>One workload's decision in a plan.</summary>
/// <param name="Problems">Inputs that could not be read (the decision is then a hold); empty when all were.</param>
/// <param name="Verdict">The workload's latest verdict as of the evaluated night, as <c>GET /api/workloads</c> reports it.</param>
public sealed record PlannedWorkload(DecisionOutput Decision, IReadOnlyList<string> Problems, VerdictOutput Verdict);

/// <summary>The answer of <c>GET /api/decisions</c>: the autopilot's audit trail, newest first.</summary>
/// <param name="WorkloadId">The workload asked for; null for every workload.</param>
/// <param name="Since">The earliest evaluation time asked for; null for all.</param>
public sealed record DecisionsResponse(string? WorkloadId, DateTimeOffset? Since, int Top, IReadOnlyList<StoredDecisionOutput> Decisions);

/// <summary>A stored decision and what became of it.</summary>
/// <param name="RunId">The autopilot run that evaluated it.</param>
/// <param name="OutcomeStatus">pending, hold, dry-run, succeeded, partial, failed, already-acted or not-acted.</param>
/// <param name="WriteSent">True once a write left for ARM for this decision.</param>
/// <param name="CompletedAt">When acting ended; null for decisions that did not act.</param>
/// <param name="Outcomes">One per acting target, after acting.</param>
public sealed record StoredDecisionOutput(
    DecisionOutput Decision,
    string RunId,
    string OutcomeStatus,
    bool WriteSent,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<ActionOutcomeOutput> Outcomes);

/// <summary>
/// An autopilot decision as the Decisions table keeps it (kebab-case words):
/// the verdict, why, and every input needed to reproduce it.
/// </summary>
/// <param name="DecisionId">Deterministic for (workload, day, action, acting targets).</param>
/// <param name="Mode">The effective mode: off, dry-run or enforce.</param>
/// <param name="Action">hold, pause, resume, scale-up or scale-down (what will be done).</param>
/// <param name="ProposedAction">What the rule asked for before guardrails and the current state.</param>
/// <param name="Rule">The rule that fired.</param>
/// <param name="BlockedBy">Every guardrail that blocked the action or part of it.</param>
/// <param name="WillAct">True when writes are to be sent (enforce mode and something to do).</param>
/// <param name="Reason">The decision in words.</param>
/// <param name="Targets">One per resource: resourceId, kind, operation, capacity, status, blockedBy, powerState or currentCapacity, sku, scarceSku, optedIn, excluded, lastActionAt.</param>
/// <param name="Window">The nights the rules read: day, present, demandRatio, breakEvenRequestsPerMonth, projectedRequestsPerMonth, neverBreaksEven, completeness, signal, instancesNeeded.</param>
public sealed record DecisionOutput(
    string DecisionId,
    string WorkloadId,
    DateOnly Day,
    DateTimeOffset EvaluatedAt,
    string Mode,
    string Action,
    string ProposedAction,
    string Rule,
    IReadOnlyList<string> BlockedBy,
    bool WillAct,
    string Reason,
    DecisionInputsOutput Inputs,
    JsonElement Targets,
    JsonElement Window);

/// <summary>The thresholds, modes and budget a decision was computed from.</summary>
public sealed record DecisionInputsOutput(
    string GlobalMode,
    string PolicyMode,
    double Band,
    int ConsecutiveDays,
    double CooldownHours,
    double MinCompleteness,
    double MaxPriceAgeDays,
    bool AllowDeallocateScarceSku,
    int MinInstances,
    int MaxInstances,
    int MaxActionsPerRun,
    int ActionsAlreadyTaken,
    double? CapacityPerInstance,
    DateTimeOffset? PricesFetchedAt);

/// <summary>What happened to one target when the decision was acted on.</summary>
/// <param name="Status">succeeded, already-in-state, dry-run, skipped, failed, timed-out or unconfirmed.</param>
/// <param name="HttpStatus">ARM's HTTP status when it refused a request.</param>
/// <param name="ErrorCode">ARM's error code.</param>
public sealed record ActionOutcomeOutput(
    string ResourceId,
    string Operation,
    int? TargetCapacity,
    string Status,
    bool WriteSent,
    string? StateBefore,
    string? StateAfter,
    int? HttpStatus,
    string? ErrorCode,
    string Message,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt);
