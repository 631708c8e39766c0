using CostOps.Domain.Autopilot;

namespace CostOps.Application.Ports;

/// <summary>
/// What happened when one target of a decision was carried out: flat, to be stored next to the
/// decision (Decisions table) after the action.
/// </summary>
/// <param name="TargetCapacity">For <see cref="TargetOperation.SetCapacity"/>: the capacity asked for.</param>
/// <param name="WriteSent">True once a write request left for ARM (even if it then failed or timed out).</param>
/// <param name="StateBefore">The state read before acting ("running", "capacity 3"); null when it could not be read.</param>
/// <param name="StateAfter">The state read after acting; null when nothing was written or it could not be read.</param>
/// <param name="HttpStatus">ARM's HTTP status when it refused a request (4xx/5xx); null when a long-running operation itself failed.</param>
/// <param name="ErrorCode">ARM's error code (e.g. <c>OperationNotAllowed</c>, or <c>AllocationFailed</c> from a failed operation).</param>
/// <param name="Message">What happened, in words.</param>
public sealed record FleetActionOutcome(
    string ResourceId,
    TargetOperation Operation,
    int? TargetCapacity,
    FleetActionStatus Status,
    bool WriteSent,
    string? StateBefore,
    string? StateAfter,
    int? HttpStatus,
    string? ErrorCode,
    string Message,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt)
{
    /// <summary>The resource ended where the decision wanted it.</summary>
    public bool ReachedTarget => Status is FleetActionStatus.Succeeded or FleetActionStatus.AlreadyInState;
}
