using CostOps.Application.Autopilot;
using CostOps.Application.Digest;
using CostOps.Application.Jobs;
using CostOps.Application.Nightly;
using CostOps.Application.Ports;
using CostOps.Application.Results;
using Microsoft.Extensions.Options;

namespace CostOps.Application.Health;

/// <summary>
/// What the Runs table says about the jobs: each job's latest run per trigger (timer, http, cli), and whether the
/// scheduled nightly is fresh. A manual one-workload backfill from the CLI is reported as what it is and never
/// stands in for the scheduled night.
/// </summary>
public sealed class RunHealth(IRunStore runs, TimeProvider time, IOptions<RunsOptions>? runsOptions = null)
{
    private readonly RunLiveness _liveness = new(time, runsOptions ?? Options.Create(new RunsOptions()));

    /// <summary>The jobs that write Runs rows, in the order health lists them.</summary>
    public static readonly IReadOnlyList<string> Jobs = [NightlyTcoJob.Name, TcoRecalculation.HttpJobName, AutopilotJob.Name, WeeklyDigestJob.Name];

    /// <summary>A nightly runs every 24 h; two hours of slack for a slow or retried run before health says so.</summary>
    public static readonly TimeSpan NightlyStaleAfter = TimeSpan.FromHours(26);

    /// <summary>How many of a job's newest runs are read to find its latest run of each trigger.</summary>
    public const int RunsReadPerJob = 50;

    public async Task<RunHealthReport> CheckAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        // A Running row older than the function timeout is reported as what it is: abandoned.
        var perJob = (await Task.WhenAll(Jobs.Select(job => runs.ListAsync(job, RunsReadPerJob, cancellationToken))))
            .Select(list => list.Select(_liveness.Seen).ToList())
            .ToList();
        // perJob is in the order of Jobs, so the list reads job by job.
        var latest = perJob
            .SelectMany(list => list.GroupBy(run => run.Trigger, StringComparer.Ordinal)
                .Select(group => group.MaxBy(run => run.StartedAt)!)
                .OrderBy(run => run.Trigger, StringComparer.Ordinal))
            .ToList();
        var scheduledNightly = perJob[0].Where(run => run.Trigger == "timer").ToList();
        var lastNightly = scheduledNightly.MaxBy(run => run.StartedAt);
        var lastSucceeded = scheduledNightly.Where(run => run.Status == JobStatus.Succeeded).MaxBy(run => run.StartedAt);
        var problems = new List<string>();
        if (lastSucceeded is null)
        {
            problems.Add($"no scheduled {NightlyTcoJob.Name} run has succeeded yet (among the last {RunsReadPerJob})");
        }
        else if (now - lastSucceeded.FinishedAt > NightlyStaleAfter)
        {
            problems.Add($"no scheduled {NightlyTcoJob.Name} run has succeeded in the last {NightlyStaleAfter.TotalHours:0} hours (the last one finished {lastSucceeded.FinishedAt:yyyy-MM-dd HH:mm} UTC)");
        }
        foreach (var dead in latest.Where(run => run.Status == JobStatus.Abandoned))
        {
            problems.Add($"{dead.Job} run {dead.RunId} ({dead.Trigger}, started {dead.StartedAt:yyyy-MM-dd HH:mm} UTC) was abandoned: it never finished within {_liveness.AbandonedAfter.TotalMinutes:0} minutes");
        }
        return new RunHealthReport(latest, lastNightly, lastSucceeded, problems);
    }
}

/// <summary>The answer of <see cref="RunHealth.CheckAsync"/>.</summary>
/// <param name="LatestRuns">Each job's latest run of each trigger.</param>
/// <param name="LastScheduledNightly">The newest timer-triggered nightly run, however it ended; null when none.</param>
/// <param name="LastSucceededNightly">The newest timer-triggered nightly run that succeeded; null when none.</param>
/// <param name="Problems">Why health is degraded (a stale scheduled nightly, a job's latest run abandoned); empty when all is well.</param>
public sealed record RunHealthReport(
    IReadOnlyList<RunRecord> LatestRuns,
    RunRecord? LastScheduledNightly,
    RunRecord? LastSucceededNightly,
    IReadOnlyList<string> Problems)
{
    public bool IsDegraded => Problems.Count > 0;
}
