namespace CostOps.Handler.Invocation;

internal static partial class TimerLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Malformed invocation of {FunctionName}: {Problem}")]
    public static partial void MalformedInvocation(ILogger logger, string functionName, string problem);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "{FunctionName} crashed")]
    public static partial void JobCrashed(ILogger logger, Exception exception, string functionName);
}
