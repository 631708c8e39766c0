using CostOps.Application.Diagnostics;
using CostOps.Application.Digest.Publishing;
using CostOps.Application.Jobs;
using CostOps.Application.Nightly;
using CostOps.Application.Ports;
using CostOps.Application.Results;
using CostOps.Application.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostOps.Application.Digest;

/// <summary>
/// The <c>WeeklyDigest</c> timer: builds the digest of the last ISO week completed at trigger time, publishes it
/// through every configured transport (a week already posted is not posted again) and records the run in
/// <c>Runs</c> with each transport's outcome. A failed transport makes the run Partial; only all failing makes it Failed.
/// </summary>
public sealed partial class WeeklyDigestJob(
    WeeklyDigestService service,
    IRunStore runs,
    UpstreamCallCounter upstreamCalls,
    TimeProvider time,
    ILogger<WeeklyDigestJob> logger,
    IOptions<RunsOptions>? runsOptions = null) : IScheduledJob
{
    private readonly RunJournal _journal = new(runs, new RunLiveness(time, runsOptions ?? Options.Create(new RunsOptions())), logger);

    /// <summary>The function (folder) name, and the job name in <c>Runs</c>.</summary>
    public const string Name = "WeeklyDigest";

    /// <inheritdoc />
    public string FunctionName => Name;

    /// <inheritdoc />
    public async Task<JobResult> RunAsync(JobContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var week = IsoWeek.LastCompleted(context.TriggeredAt);
        var report = await RunWeekAsync(week, force: false, context.Trigger, cancellationToken);
        var run = report.Run;
        var logs = new List<string>
        {
            $"WeeklyDigest run {run.RunId}: {run.Status} for {week}; {report.Result.Digest.Workloads.Count} workloads, {report.Result.Digest.WarningCount} warnings",
        };
        logs.AddRange(run.Outcomes.Count > 0 ? run.Outcomes : ["no transport is configured (CostOps:Digest), so nothing was posted"]);
        return new JobResult(run.Status, run.RunId, logs, run.Errors.Count > 0 ? string.Join(" | ", run.Errors) : null);
    }

    /// <summary>
    /// Publishes the digest of <paramref name="week"/> (the CLI picks the week and may force a re-post) and records
    /// the run. A failure before any transport ran (e.g. storage) is recorded as a Failed run and rethrown.
    /// </summary>
    public async Task<WeeklyDigestReport> RunWeekAsync(IsoWeek week, bool force, string trigger, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trigger);
        var startedAt = time.GetUtcNow();
        var runId = RunIds.New(startedAt);
        var callsBefore = upstreamCalls.Count;
        using var telemetry = CostOpsTelemetry.StartRun(Name, runId, trigger);
        var found = await _journal.BeginAsync(RunRecord.Started(Name, runId, trigger, startedAt, week.Monday, week.Sunday), cancellationToken);
        LogStarted(week, runId, force);

        DigestRunResult result;
        try
        {
            result = await service.RunAsync(week, force, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var failed = Record(week, runId, trigger, startedAt, JobStatus.Failed, 0, 0, callsBefore, [$"digest: {exception.Message}"], found);
            telemetry.Finish(failed);
            await _journal.FinishAsync(failed, CancellationToken.None);
            throw;
        }

        var outcomes = result.Outcomes;
        foreach (var outcome in outcomes)
        {
            CostOpsTelemetry.DigestSent(outcome.Transport, outcome.Status);
        }
        var status = StatusOf(outcomes);
        var errors = outcomes.Where(o => !o.Succeeded).Select(o => $"{o.Transport}: {o.Error}").ToList();
        var posted = outcomes.Count(o => o.Status == DigestPublishStatus.Posted);
        var run = Record(week, runId, trigger, startedAt, status, result.Digest.Workloads.Count, posted, callsBefore, errors, [.. found, .. outcomes.Select(Describe)]);
        telemetry.Finish(run);
        await _journal.FinishAsync(run, cancellationToken);
        LogFinished(week, runId, status, posted, errors.Count);
        return new WeeklyDigestReport(result, run);
    }

    /// <summary>Succeeded when no transport failed (or none is configured), Failed when all failed, else Partial.</summary>
    public static JobStatus StatusOf(IReadOnlyList<DigestPublishOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var failed = outcomes.Count(o => !o.Succeeded);
        return failed == 0 ? JobStatus.Succeeded : failed == outcomes.Count ? JobStatus.Failed : JobStatus.Partial;
    }

    /// <summary>One line per transport: <c>teams-webhook: posted</c>, <c>graph-mail: failed: ...</c>.</summary>
    public static string Describe(DigestPublishOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Status switch
        {
            DigestPublishStatus.Posted => $"{outcome.Transport}: posted",
            DigestPublishStatus.AlreadyPosted => $"{outcome.Transport}: already posted (not sent again)",
            DigestPublishStatus.InProgress => $"{outcome.Transport}: being posted by another run (not sent from this one)",
            _ => $"{outcome.Transport}: failed: {outcome.Error}",
        };
    }

    private RunRecord Record(
        IsoWeek week, string runId, string trigger, DateTimeOffset startedAt, JobStatus status,
        int workloads, int posted, long callsBefore, IReadOnlyList<string> errors, IReadOnlyList<string> outcomes) =>
        // WorkloadsOk counts the workloads the digest summarized; RowsWritten the DigestPosts rows of this run's posts.
        new(Name, runId, trigger, startedAt, time.GetUtcNow(), status, workloads, 0, posted,
            upstreamCalls.Count - callsBefore, week.Monday, week.Sunday, errors)
        {
            Outcomes = outcomes,
        };

    [LoggerMessage(EventId = 8601, Level = LogLevel.Information, Message = "WeeklyDigest run {RunId} started for {Week} (force: {Force})")]
    private partial void LogStarted(IsoWeek week, string runId, bool force);

    [LoggerMessage(EventId = 8602, Level = LogLevel.Information, Message = "WeeklyDigest run {RunId} for {Week}: {Status}, {Posted} posted, {Failed} failed")]
    private partial void LogFinished(IsoWeek week, string runId, JobStatus status, int posted, int failed);
}
