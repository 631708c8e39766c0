using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace SampleApp;

/// <summary>A queue function that logs the message and the trigger metadata it was bound to.</summary>
public sealed partial class QueueFunctions(ILogger<QueueFunctions> logger)
{
    [Function("QueueEcho")]
    public void QueueEcho([QueueTrigger("sample-queue")] string message, long dequeueCount, string id, FunctionContext context)
    {
        var insertion = context.BindingContext.BindingData.TryGetValue("InsertionTime", out var value) ? value?.ToString() : "missing";
        LogMessage(logger, message, dequeueCount, id, insertion ?? "null");
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "QueueEcho got '{Message}' DequeueCount={DequeueCount} Id={Id} InsertionTime={InsertionTime}")]
    private static partial void LogMessage(ILogger logger, string message, long dequeueCount, string id, string insertionTime);
}
