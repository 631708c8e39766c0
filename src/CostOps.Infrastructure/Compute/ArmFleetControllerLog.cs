using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.Compute;

/// <summary>Log events of the ARM fleet controller (event ids 7000-7099, stable). Resource ids and ARM codes only.</summary>
internal static partial class ArmFleetControllerLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Autopilot {Operation} of {ResourceId} succeeded: {StateBefore} -> {StateAfter}")]
    public static partial void Succeeded(ILogger logger, string operation, string resourceId, string? stateBefore, string? stateAfter);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Autopilot {Operation} of {ResourceId} not needed: already {State}")]
    public static partial void AlreadyInState(ILogger logger, string operation, string resourceId, string state);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Dry run: would {Operation} {ResourceId} (now {State}); nothing sent")]
    public static partial void DryRun(ILogger logger, string operation, string resourceId, string state);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Autopilot {Operation} of {ResourceId} failed: HTTP {Status} {ErrorCode}")]
    public static partial void Failed(ILogger logger, string operation, string resourceId, int? status, string? errorCode);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "Autopilot {Operation} of {ResourceId} did not complete within {Timeout}; now {State}")]
    public static partial void TimedOut(ILogger logger, string operation, string resourceId, TimeSpan timeout, string? state);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "Autopilot {Operation} of {ResourceId} reported success but reads back as {State}")]
    public static partial void Unconfirmed(ILogger logger, string operation, string resourceId, string? state);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Error, Message = "Autopilot {Operation} of {ResourceId} failed unexpectedly")]
    public static partial void Unexpected(ILogger logger, string operation, string resourceId, Exception exception);
}
