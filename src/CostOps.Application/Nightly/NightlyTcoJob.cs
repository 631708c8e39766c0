using CostOps.Application.Jobs;
using CostOps.Domain.Time;
using Microsoft.Extensions.Options;

namespace CostOps.Application.Nightly;

/// <summary>
/// The <c>NightlyTco</c> timer: computes yesterday (UTC) for every workload. A past-due run (the host
/// missed occurrences, e.g. after a restart) also catches up the nights since the last recorded run,
/// up to <see cref="NightlyOptions.MaxCatchUpDays"/>.
/// </summary>
public sealed class NightlyTcoJob(TcoRecalculation recalculation, IOptions<NightlyOptions> options) : IScheduledJob
{
    public const string Name = "NightlyTco";

    public string FunctionName => Name;

    public async Task<JobResult> RunAsync(JobContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var days = DaysToCompute(context, options.Value.MaxCatchUpDays);
        var report = await recalculation.RunAsync(new TcoRunRequest(null, days, context.Trigger), cancellationToken: cancellationToken);
        var run = report.Run;
        var logs = new List<string>
        {
            $"NightlyTco run {run.RunId}: {run.Status} for {days}; {run.WorkloadsOk} workloads ok, {run.WorkloadsFailed} failed, {run.RowsWritten} rows, {run.UpstreamCalls} upstream calls",
        };
        logs.AddRange(run.Errors);
        return new JobResult(run.Status, run.RunId, logs, run.Errors.Count > 0 ? string.Join(" | ", run.Errors) : null);
    }

    /// <summary>Yesterday; for a past-due run, every day since the last run's night as well (bounded).</summary>
    public static DayRange DaysToCompute(JobContext context, int maxCatchUpDays)
    {
        ArgumentNullException.ThrowIfNull(context);
        var yesterday = DayRange.YesterdayAt(context.TriggeredAt);
        if (!context.IsPastDue || context.LastScheduledRun is not { } last)
        {
            return DayRange.OneDay(yesterday);
        }
        // The last run computed the day before it ran; everything after that is missing.
        var firstMissing = DayRange.DayOf(last);
        var earliest = yesterday.AddDays(1 - Math.Max(1, maxCatchUpDays));
        var from = firstMissing < earliest ? earliest : firstMissing > yesterday ? yesterday : firstMissing;
        return new DayRange(from, yesterday);
    }
}
