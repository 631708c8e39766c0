using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using CostOps.Application.Catalog;
using CostOps.Application.Diagnostics;
using CostOps.Application.Jobs;
using CostOps.Application.Ports;
using CostOps.Application.Results;
using CostOps.Application.Telemetry;
using CostOps.Domain.Observed;
using CostOps.Domain.Time;
using CostOps.Domain.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostOps.Application.Nightly;

/// <summary>
/// The TCO use case behind the nightly timer, <c>costops nightly</c>/<c>demo</c> and
/// <c>POST /api/tco/recalculate</c>: gather each workload's telemetry, compute the observed TCO
/// (docs/economics.md) per whole past UTC day, upsert the <c>DailyTco</c> rows and record the run in <c>Runs</c>. One
/// workload's failure never stops the others; its previous rows stay as they were.
/// </summary>
public sealed partial class TcoRecalculation(
    WorkloadCatalog catalog,
    TelemetryGatherer gatherer,
    IDailyTcoStore store,
    IRunStore runs,
    UpstreamCallCounter upstreamCalls,
    TimeProvider time,
    IOptions<NightlyOptions> options,
    ILogger<TcoRecalculation> logger,
    IOptions<RunsOptions>? runsOptions = null)
{
    private readonly RunJournal _journal = new(runs, new RunLiveness(time, runsOptions ?? Options.Create(new RunsOptions())), logger);

    /// <summary>The job name of recalculations asked for over HTTP (the scheduled night is <see cref="NightlyTcoJob.Name"/>).</summary>
    public const string HttpJobName = "TcoRecalculate";

    public async Task<TcoRunReport> RunAsync(TcoRunRequest request, IProgress<TcoProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Today and later are refused here, so the timer, the CLI and the API all get the same rule and wording.
        if (request.CheckDays(time) is { Count: > 0 } unfinished)
        {
            throw new DomainValidationException(unfinished);
        }
        var workloads = Select(request.WorkloadIds);
        var startedAt = time.GetUtcNow();
        var runId = RunIds.New(startedAt);
        var callsBefore = upstreamCalls.Count;
        using var telemetry = CostOpsTelemetry.StartRun(request.Job, runId, request.Trigger);
        // On record before any work: a run that dies from here on is visible (and found Abandoned later).
        var found = await _journal.BeginAsync(RunRecord.Started(request.Job, runId, request.Trigger, startedAt, request.Days.From, request.Days.To), cancellationToken);
        LogRunStarted(logger, request.Job, runId, workloads.Count, request.Days.From, request.Days.To);

        TcoComputation computed;
        try
        {
            computed = await ComputeAsync(workloads, request.Days, runId, progress, cancellationToken);
        }
        catch (TcoComputationException ex)
        {
            var failed = Record(request, runId, startedAt, JobStatus.Failed, ex.Partial.Workloads, ex.Partial.Rows.Count, callsBefore, [$"run: {ex.InnerException!.Message}"]) with { Outcomes = found };
            telemetry.Finish(failed);
            await _journal.FinishAsync(failed, CancellationToken.None);
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }

        var run = Record(request, runId, startedAt, computed.Status, computed.Workloads, computed.Rows.Count, callsBefore, computed.Errors) with { Outcomes = found };
        telemetry.Finish(run);
        await _journal.FinishAsync(run, cancellationToken);
        LogRunFinished(logger, request.Job, runId, run.Status, run.WorkloadsOk, run.WorkloadsFailed, run.RowsWritten, run.UpstreamCalls);
        return new TcoRunReport(run, computed.Rows, computed.Workloads);
    }

    /// <summary>
    /// Computes and stores <paramref name="workloadIds"/> over <paramref name="days"/> under <paramref name="runId"/>
    /// without writing a Runs row: one shard of a fanned-out night, whose rows carry the night's run id. Rows are
    /// upserted by workload and day, so computing a shard again replaces its rows.
    /// </summary>
    /// <exception cref="DomainValidationException">A day has not ended, or a workload id is not in the catalog.</exception>
    public async Task<TcoComputation> ComputeShardAsync(IReadOnlyList<string> workloadIds, DayRange days, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workloadIds);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        if (new TcoRunRequest(workloadIds, days, "queue").CheckDays(time) is { Count: > 0 } unfinished)
        {
            throw new DomainValidationException(unfinished);
        }
        try
        {
            return await ComputeAsync(Select(workloadIds), days, runId, null, cancellationToken);
        }
        catch (TcoComputationException ex)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException!);
            throw;
        }
    }

    private async Task<TcoComputation> ComputeAsync(
        IReadOnlyList<WorkloadDefinition> workloads, DayRange days, string runId, IProgress<TcoProgress>? progress, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var window = new DayRange(days.From.AddDays(1 - settings.TrailingDays), days.To);
        var outcomes = new ConcurrentBag<WorkloadOutcome>();
        var rows = new ConcurrentBag<DailyTcoRecord>();
        var done = 0;
        try
        {
            var observations = await gatherer.GatherAsync(workloads, window, settings.MaxParallelism, cancellationToken);
            await Parallel.ForEachAsync(
                workloads,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.MaxParallelism), CancellationToken = cancellationToken },
                async (workload, token) =>
                {
                    var outcome = await ComputeAndStoreAsync(workload, observations[workload.Id], days, runId, rows, token);
                    outcomes.Add(outcome);
                    if (!outcome.Succeeded)
                    {
                        LogWorkloadFailed(logger, workload.Id, string.Join("; ", outcome.Problems));
                    }
                    // Progress counts workload-days, so a long backfill of a few workloads still moves.
                    var total = workloads.Count * days.Days;
                    progress?.Report(new TcoProgress(Interlocked.Add(ref done, days.Days), total, workload.Id));
                });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new TcoComputationException(TcoComputation.Of(outcomes, rows), ex);
        }
        return TcoComputation.Of(outcomes, rows);
    }

    private IReadOnlyList<WorkloadDefinition> Select(IReadOnlyList<string>? ids) => catalog.Select(ids);

    private async Task<WorkloadOutcome> ComputeAndStoreAsync(
        WorkloadDefinition workload,
        WorkloadObservations observed,
        DayRange days,
        string runId,
        ConcurrentBag<DailyTcoRecord> allRows,
        CancellationToken cancellationToken)
    {
        if (observed.Failures.Count > 0)
        {
            // Unanswered sources would turn into unknown figures that overwrite good rows: keep the stored ones.
            return new WorkloadOutcome(workload.Id, false, 0, observed.Failures);
        }
        var trailing = options.Value.TrailingDays;
        var computedAt = time.GetUtcNow();
        var rows = new List<DailyTcoRecord>();
        try
        {
            foreach (var day in days.EachDay())
            {
                var window = observed.Days.Where(d => d.Day > day.AddDays(-trailing) && d.Day <= day).ToList();
                var tco = DailyTcoCalculator.Compute(workload.Economics, window);
                var detail = observed.Details[day];
                rows.Add(new DailyTcoRecord(
                    workload.Id, tco, detail.GpuUtilizationPercent, detail.PriceSource, detail.PricesAsOf, detail.Completeness,
                    DailyTcoRecord.CurrentCalcVersion, runId, computedAt));
            }
            await store.UpsertAsync(rows, cancellationToken);
        }
        catch (Exception ex) when (ex is DomainValidationException or InvalidOperationException or IOException or HttpRequestException)
        {
            return new WorkloadOutcome(workload.Id, false, 0, [.. observed.Issues, $"store: {ex.Message}"]);
        }
        foreach (var row in rows)
        {
            allRows.Add(row);
        }
        return new WorkloadOutcome(workload.Id, true, rows.Count, observed.Issues)
        {
            DaysWithoutData = [.. rows.Where(r => !r.Tco.HasData).Select(r => r.Tco.Day)],
        };
    }

    private RunRecord Record(
        TcoRunRequest request, string runId, DateTimeOffset startedAt, JobStatus status,
        IEnumerable<WorkloadOutcome> outcomes, int rowsWritten, long callsBefore, IReadOnlyList<string> errors)
    {
        var list = outcomes.ToList();
        return new RunRecord(
            request.Job, runId, request.Trigger, startedAt, time.GetUtcNow(), status,
            list.Count(o => o.Succeeded), list.Count(o => !o.Succeeded), rowsWritten,
            upstreamCalls.Count - callsBefore, request.Days.From, request.Days.To, errors);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "{Job} run {RunId} started: {Workloads} workloads, {From}..{To}")]
    private static partial void LogRunStarted(ILogger logger, string job, string runId, int workloads, DateOnly from, DateOnly to);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Workload {WorkloadId} failed: {Problems}")]
    private static partial void LogWorkloadFailed(ILogger logger, string workloadId, string problems);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "{Job} run {RunId} {Status}: {Ok} ok, {Failed} failed, {Rows} rows, {Calls} upstream calls")]
    private static partial void LogRunFinished(ILogger logger, string job, string runId, JobStatus status, int ok, int failed, int rows, long calls);
}
