namespace CostOps.FunctionsHost;

/// <summary>What the worker answered to one invocation, with the log lines it wrote for it.</summary>
public sealed record InvocationOutcome(string InvocationId, InvocationStatus Status, string? ExceptionMessage, IReadOnlyList<string> Logs);

/// <summary>The worker's <c>StatusResult.Status</c> for an invocation.</summary>
public enum InvocationStatus
{
    Success,
    Failure,
    Cancelled,
}
