using CostOps.Application.Jobs;

namespace CostOps.Functions.Timers;

/// <summary>
/// Runs a scheduled job for a timer invocation: the host's timer info becomes the job's context (a
/// past-due timer catches up from the last recorded occurrence), the run's lines go to the invocation's
/// log, and a failed run fails the invocation with its reason (the host then applies the retry policy).
/// A partial run succeeds: the workloads that worked are stored, and the failures are in the Runs table.
/// </summary>
public sealed partial class ScheduledJobRunner(IServiceProvider services, TimeProvider time, ILogger<ScheduledJobRunner> logger)
{
    public async Task RunAsync<TJob>(TimerInfo timer, FunctionContext context)
        where TJob : IScheduledJob
    {
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(context);
        var job = services.GetRequiredService<TJob>();
        var jobContext = new JobContext(
            TriggeredAt: HostTriggerTime.Of(context, time),
            IsPastDue: timer.IsPastDue,
            LastScheduledRun: Occurrence(timer.ScheduleStatus?.Last),
            InvocationId: context.InvocationId,
            RetryCount: context.RetryContext?.RetryCount ?? 0,
            Trigger: "timer");
        var result = await job.RunAsync(jobContext, context.CancellationToken);
        foreach (var line in result.Logs)
        {
            LogRunLine(logger, job.FunctionName, line);
        }
        switch (result.Status)
        {
            case JobStatus.Failed:
                throw new ScheduledJobFailedException(job.FunctionName, result.RunId, result.Error ?? "the run failed without saying why");
            case JobStatus.Partial:
                LogPartial(logger, job.FunctionName, result.RunId, result.Error ?? "");
                break;
        }
    }

    /// <summary>The host writes 0001-01-01 for "never ran" (and a local time without offset when it has no monitor).</summary>
    private static DateTimeOffset? Occurrence(DateTime? value) =>
        value is { Year: > 1 } known
            ? new DateTimeOffset(DateTime.SpecifyKind(known, known.Kind == DateTimeKind.Local ? DateTimeKind.Local : DateTimeKind.Utc)).ToUniversalTime()
            : null;

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "{FunctionName}: {Line}")]
    private static partial void LogRunLine(ILogger logger, string functionName, string line);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "{FunctionName} run {RunId} was partial: {Reason}")]
    private static partial void LogPartial(ILogger logger, string functionName, string runId, string reason);
}

/// <summary>A scheduled run that failed; its message is the run's reason, which the host shows as the invocation's error.</summary>
public sealed class ScheduledJobFailedException(string functionName, string runId, string reason)
    : Exception($"{functionName} run {runId} failed: {reason}")
{
    public string FunctionName { get; } = functionName;

    public string RunId { get; } = runId;

    public string Reason { get; } = reason;
}
