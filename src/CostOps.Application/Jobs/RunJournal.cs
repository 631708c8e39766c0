using CostOps.Application.Ports;
using CostOps.Application.Results;
using Microsoft.Extensions.Logging;

namespace CostOps.Application.Jobs;

/// <summary>
/// Keeps a job's <c>Runs</c> rows honest about runs that die: every run writes a Running row before any work and
/// replaces it when it ends (same key), and every run looks for earlier Running rows of its job that can no longer
/// finish, marks them Abandoned and says so in its own row and log.
/// </summary>
public sealed partial class RunJournal(IRunStore runs, RunLiveness liveness, ILogger logger)
{
    /// <summary>How many of the job's newest runs are searched for abandoned ones (a run dies rarely; older ones were found before).</summary>
    public const int RunsSearched = 20;

    /// <summary>
    /// Writes <paramref name="running"/> (status <see cref="JobStatus.Running"/>) and marks the job's abandoned runs.
    /// </summary>
    /// <returns>One line per abandoned run found, for the new run's <see cref="RunRecord.Outcomes"/>.</returns>
    public async Task<IReadOnlyList<string>> BeginAsync(RunRecord running, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(running);
        if (running.Status != JobStatus.Running)
        {
            throw new ArgumentException($"A run begins as Running, not {running.Status}.", nameof(running));
        }
        await runs.WriteAsync(running, cancellationToken);
        var recent = await runs.ListAsync(running.Job, RunsSearched, cancellationToken);
        var found = new List<string>();
        foreach (var dead in recent.Where(r => r.RunId != running.RunId && liveness.IsAbandoned(r)))
        {
            var reason = $"abandoned: still Running {liveness.AbandonedAfter.TotalMinutes:0} minutes after it started (the function timeout); found by run {running.RunId}";
            await runs.WriteAsync(dead with { Status = JobStatus.Abandoned, Errors = [.. dead.Errors, reason] }, cancellationToken);
            LogFoundAbandoned(logger, running.Job, running.RunId, dead.RunId, dead.StartedAt);
            found.Add($"found abandoned run {dead.RunId} (started {dead.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC, never finished)");
        }
        return found;
    }

    /// <summary>Replaces the run's Running row with how it ended.</summary>
    public Task FinishAsync(RunRecord finished, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(finished);
        return runs.WriteAsync(finished, cancellationToken);
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "{Job} run {RunId} found run {AbandonedRunId} (started {StartedAt:u}) abandoned: it never finished; marked Abandoned")]
    private static partial void LogFoundAbandoned(ILogger logger, string job, string runId, string abandonedRunId, DateTimeOffset startedAt);
}
