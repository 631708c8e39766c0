using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace SampleApp;

/// <summary>Timer functions that log the TimerInfo they were given, and one that fails.</summary>
public sealed partial class TimerFunctions(ILogger<TimerFunctions> logger)
{
    [Function("TimerOk")]
    public void TimerOk([TimerTrigger("0 0 2 * * *")] TimerInfo timer)
    {
        var status = timer.ScheduleStatus is { } s
            ? string.Create(CultureInfo.InvariantCulture, $"Last={s.Last:yyyy-MM-ddTHH:mm:ss} Next={s.Next:yyyy-MM-ddTHH:mm:ss}")
            : "null";
        LogTimerRan(logger, timer.IsPastDue, status);
    }

    [Function("TimerFails")]
    public void TimerFails([TimerTrigger("0 30 2 * * *")] TimerInfo timer) =>
        throw new InvalidOperationException($"the nightly run broke on purpose (past due: {timer.IsPastDue})");

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "TimerOk ran: IsPastDue={IsPastDue} ScheduleStatus={Status}")]
    private static partial void LogTimerRan(ILogger logger, bool isPastDue, string status);
}
