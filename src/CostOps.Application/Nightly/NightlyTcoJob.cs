using CostOps.Application.Jobs;
using CostOps.Application.Nightly.FanOut;
using CostOps.Domain.Time;
using Microsoft.Extensions.Options;

namespace CostOps.Application.Nightly;

/// <summary>
/// The <c>NightlyTco</c> timer: computes yesterday (UTC) for every workload. A past-due run (the host
/// missed occurrences, e.g. after a restart) also catches up the nights since the last recorded run,
/// up to <see cref="NightlyOptions.MaxCatchUpDays"/>. In fan-out mode (<c>CostOps:Nightly:Mode = FanOut</c>) it only
/// enqueues the night's shards; the queue-triggered <c>NightlyTcoShard</c> function computes them.
/// </summary>
public sealed class NightlyTcoJob(TcoRecalculation recalculation, IOptions<NightlyOptions> options, NightlyFanOut? fanOut = null) : IScheduledJob
{
    public const string Name = "NightlyTco";

    public string FunctionName => Name;

    public async Task<JobResult> RunAsync(JobContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var days = DaysToCompute(context, options.Value.MaxCatchUpDays);
        if (options.Value.IsFanOut)
        {
            return await FanOutAsync(days, context.Trigger, cancellationToken);
        }
        var report = await recalculation.RunAsync(new TcoRunRequest(null, days, context.Trigger), cancellationToken: cancellationToken);
        var run = report.Run;
        var logs = new List<string>
        {
            $"NightlyTco run {run.RunId}: {run.Status} for {days}; {run.WorkloadsOk} workloads ok, {run.WorkloadsFailed} failed, {run.RowsWritten} rows, {run.UpstreamCalls} upstream calls",
        };
        logs.AddRange(run.Errors);
        return new JobResult(run.Status, run.RunId, logs, run.Errors.Count > 0 ? string.Join(" | ", run.Errors) : null);
    }

    private async Task<JobResult> FanOutAsync(DayRange days, string trigger, CancellationToken cancellationToken)
    {
        if (fanOut is null)
        {
            throw new InvalidOperationException($"{NightlyOptions.Section}:Mode is {NightlyOptions.FanOut} but no shard queue is registered.");
        }
        var night = await fanOut.StartAsync(new TcoRunRequest(null, days, trigger), cancellationToken);
        var logs = new List<string>
        {
            $"NightlyTco run {night.RunId}: fanned out {night.Shards?.Expected ?? 0} shards for {days}; {night.Status}",
        };
        logs.AddRange(night.Outcomes);
        return new JobResult(night.Status, night.RunId, logs, night.Errors.Count > 0 ? string.Join(" | ", night.Errors) : null);
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
