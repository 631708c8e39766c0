using System.Collections.Concurrent;
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
    ILogger<TcoRecalculation> logger)
{
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
        var settings = options.Value;
        var startedAt = time.GetUtcNow();
        var runId = RunIds.New(startedAt);
        var callsBefore = upstreamCalls.Count;
        using var telemetry = CostOpsTelemetry.StartRun(request.Job, runId, request.Trigger);
        LogRunStarted(logger, request.Job, runId, workloads.Count, request.Days.From, request.Days.To);

        var window = new DayRange(request.Days.From.AddDays(1 - settings.TrailingDays), request.Days.To);
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
                    var outcome = await ComputeAndStoreAsync(workload, observations[workload.Id], request, runId, rows, token);
                    outcomes.Add(outcome);
                    if (!outcome.Succeeded)
                    {
                        LogWorkloadFailed(logger, workload.Id, string.Join("; ", outcome.Problems));
                    }
                    // Progress counts workload-days, so a long backfill of a few workloads still moves.
                    var total = workloads.Count * request.Days.Days;
                    progress?.Report(new TcoProgress(Interlocked.Add(ref done, request.Days.Days), total, workload.Id));
                });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var failed = Record(request, runId, startedAt, JobStatus.Failed, outcomes, rows.Count, callsBefore, [$"run: {ex.Message}"]);
            telemetry.Finish(failed);
            await runs.WriteAsync(failed, CancellationToken.None);
            throw;
        }

        var ordered = outcomes.OrderBy(o => o.WorkloadId, StringComparer.Ordinal).ToList();
        var status = StatusOf(ordered);
        var errors = ordered.Where(o => !o.Succeeded).Select(o => $"{o.WorkloadId}: {string.Join("; ", o.Problems)}")
            .Concat(ordered.Where(o => o.HadNoData).Select(NoDataLine))
            .ToList();
        var run = Record(request, runId, startedAt, status, ordered, rows.Count, callsBefore, errors);
        telemetry.Finish(run);
        await runs.WriteAsync(run, cancellationToken);
        LogRunFinished(logger, request.Job, runId, status, run.WorkloadsOk, run.WorkloadsFailed, run.RowsWritten, run.UpstreamCalls);
        return new TcoRunReport(run, rows.OrderBy(r => r.WorkloadId, StringComparer.Ordinal).ThenBy(r => r.Tco.Day).ToList(), ordered);
    }

    /// <summary>
    /// Succeeded only when every workload was computed and stored with data on at least one day; Failed when none
    /// was computed; else Partial. A workload whose sources answered nothing for every day of the run is a no-data
    /// workload: its rows are stored (so every surface says "no data" for those nights) but the run did not succeed
    /// for it, so a night with only no-data workloads is Partial, never Succeeded, and health counts it as such.
    /// </summary>
    public static JobStatus StatusOf(IReadOnlyList<WorkloadOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.All(o => o.Succeeded && !o.HadNoData))
        {
            return JobStatus.Succeeded;
        }
        return outcomes.Any(o => o.Succeeded) ? JobStatus.Partial : JobStatus.Failed;
    }

    private static string NoDataLine(WorkloadOutcome outcome)
    {
        var days = outcome.DaysWithoutData;
        var when = days.Count == 1 ? $"{days[0]:yyyy-MM-dd}" : $"{days[0]:yyyy-MM-dd}..{days[^1]:yyyy-MM-dd}";
        return $"{outcome.WorkloadId}: no data: the telemetry sources answered nothing for {when}";
    }

    private IReadOnlyList<WorkloadDefinition> Select(IReadOnlyList<string>? ids) => catalog.Select(ids);

    private async Task<WorkloadOutcome> ComputeAndStoreAsync(
        WorkloadDefinition workload,
        WorkloadObservations observed,
        TcoRunRequest request,
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
            foreach (var day in request.Days.EachDay())
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
