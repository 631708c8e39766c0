using CostOps.Application.Autopilot;
using CostOps.Application.Digest;
using CostOps.Application.Nightly;

namespace CostOps.Functions.Timers;

/// <summary>
/// The scheduled jobs. Schedules come from app settings (six-field NCRONTAB, UTC); the retry policies
/// are the host's, so a failed run is tried again after the delay. Each function hands over to
/// <see cref="ScheduledJobRunner"/>, which throws with the run's reason when it failed.
/// </summary>
public sealed class TimerFunctions(ScheduledJobRunner runner)
{
    /// <summary>Yesterday's TCO of every workload (and the missed nights when the timer is past due).</summary>
    [Function(NightlyTcoJob.Name)]
    [ExponentialBackoffRetry(3, "00:02:00", "00:15:00")]
    public Task NightlyTcoAsync([TimerTrigger("%NightlyTcoSchedule%")] TimerInfo timer, FunctionContext context) =>
        runner.RunAsync<NightlyTcoJob>(timer, context);

    /// <summary>The autopilot, after the nightly run.</summary>
    [Function(AutopilotJob.Name)]
    [FixedDelayRetry(2, "00:10:00")]
    public Task AutopilotAsync([TimerTrigger("%AutopilotSchedule%")] TimerInfo timer, FunctionContext context) =>
        runner.RunAsync<AutopilotJob>(timer, context);

    /// <summary>The weekly digest, Monday morning.</summary>
    [Function(WeeklyDigestJob.Name)]
    [FixedDelayRetry(2, "00:20:00")]
    public Task WeeklyDigestAsync([TimerTrigger("%WeeklyDigestSchedule%")] TimerInfo timer, FunctionContext context) =>
        runner.RunAsync<WeeklyDigestJob>(timer, context);
}
