using CostOps.Application.Catalog;
using CostOps.Application.Jobs;
using CostOps.Application.Ports;
using CostOps.Application.Results;
using CostOps.Domain.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostOps.Application.Nightly.FanOut;

/// <summary>
/// Starts a fanned-out night (<c>CostOps:Nightly:Mode = FanOut</c>): splits the workloads into shards by source scope
/// (<see cref="NightlyShardPlanner"/>), writes the night's Running row with its shard count and every shard as
/// Pending, then enqueues one message per shard. The shards' reports finish the night (<see cref="NightlyShardRunner"/>).
/// </summary>
public sealed partial class NightlyFanOut(
    WorkloadCatalog catalog,
    IShardLedger ledger,
    IShardQueue queue,
    IRunStore runs,
    TimeProvider time,
    ILogger<NightlyFanOut> logger,
    IOptions<RunsOptions>? runsOptions = null)
{
    private readonly RunJournal _journal = new(runs, new RunLiveness(time, runsOptions ?? Options.Create(new RunsOptions())), logger);

    /// <summary>Plans, records and enqueues the night; answers its Runs row as it stands (Running, or Succeeded with no workloads).</summary>
    /// <exception cref="DomainValidationException">A day has not ended yet.</exception>
    public async Task<RunRecord> StartAsync(TcoRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.CheckDays(time) is { Count: > 0 } unfinished)
        {
            throw new DomainValidationException(unfinished);
        }
        var shards = NightlyShardPlanner.Plan(catalog.Select(request.WorkloadIds));
        var startedAt = time.GetUtcNow();
        var runId = RunIds.New(startedAt);
        var running = RunRecord.Started(request.Job, runId, request.Trigger, startedAt, request.Days.From, request.Days.To) with
        {
            Shards = new ShardCounts(shards.Count, 0, 0),
            HeartbeatAt = startedAt,
        };
        var found = await _journal.BeginAsync(running, cancellationToken);
        if (shards.Count == 0)
        {
            var empty = running with { Status = JobStatus.Succeeded, FinishedAt = time.GetUtcNow(), HeartbeatAt = null, Outcomes = found };
            await _journal.FinishAsync(empty, cancellationToken);
            return empty;
        }
        // Written before the first message goes out: from then on only the shards' reports rewrite the night's row.
        var enqueued = running with { Outcomes = [.. found, .. shards.Select(s => $"shard {s.ShardId}: {s.WorkloadIds.Count} workloads ({s.Scope})")] };
        try
        {
            // Every shard Pending first, so the night counts as complete only when each of them has reported.
            await ledger.OpenAsync(runId, shards, startedAt, cancellationToken);
            await runs.WriteAsync(enqueued, cancellationToken);
            await queue.EnqueueAsync(
                [.. shards.Select(s => new ShardMessage(runId, startedAt, request.Trigger, request.Days.From, request.Days.To, s.ShardId, s.Scope, shards.Count, s.WorkloadIds))],
                cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var failed = running with { Status = JobStatus.Failed, FinishedAt = time.GetUtcNow(), HeartbeatAt = null, Errors = [$"fan-out: {ex.Message}"], Outcomes = found };
            await _journal.FinishAsync(failed, CancellationToken.None);
            throw;
        }
        LogEnqueued(logger, runId, shards.Count, request.Days.From, request.Days.To);
        return enqueued;
    }

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "NightlyTco night {RunId} fanned out: {Shards} shards enqueued for {From}..{To}")]
    private static partial void LogEnqueued(ILogger logger, string runId, int shards, DateOnly from, DateOnly to);
}
