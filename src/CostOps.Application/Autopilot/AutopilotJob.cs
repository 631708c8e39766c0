using CostOps.Application.Jobs;
using CostOps.Domain.Autopilot;

namespace CostOps.Application.Autopilot;

/// <summary>
/// The <c>Autopilot</c> timer (<c>%AutopilotSchedule%</c>, default <see cref="AutopilotOptions.DefaultSchedule"/>
/// UTC, after NightlyTco): one autopilot run with the configured modes. A past-due or retried
/// invocation is just another run of the same night: decisions already acted on are not acted on again.
/// </summary>
public sealed class AutopilotJob(AutopilotRunner runner) : IScheduledJob
{
    public const string Name = "Autopilot";

    public string FunctionName => Name;

    public async Task<JobResult> RunAsync(JobContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var report = await runner.RunAsync(new AutopilotRunRequest(context.Trigger), cancellationToken);
        var run = report.Run;
        var logs = new List<string>();
        if (report.Skipped)
        {
            logs.Add($"Autopilot run {run.RunId}: {AutopilotRunReport.SkippedMessage}");
            return new JobResult(run.Status, run.RunId, logs);
        }
        logs.Add($"Autopilot run {run.RunId}: {run.Status} for {run.LastDay:yyyy-MM-dd}; {run.WorkloadsOk} workloads ok, {run.WorkloadsFailed} failed, {run.ActionsTaken} writes sent");
        logs.AddRange(report.Workloads.Select(w =>
            $"{w.WorkloadId}: {DecisionRecord.Kebab(w.Decision.Action)} ({DecisionRecord.Kebab(w.Decision.Mode)}), {DecisionRecord.Kebab(w.Status)}"));
        logs.AddRange(run.Errors);
        return new JobResult(run.Status, run.RunId, logs, run.Errors.Count > 0 ? string.Join(" | ", run.Errors) : null);
    }
}
