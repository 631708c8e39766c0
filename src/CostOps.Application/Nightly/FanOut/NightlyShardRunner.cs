using CostOps.Application.Jobs;
using CostOps.Application.Ports;
using CostOps.Application.Telemetry;
using CostOps.Domain.Time;
using Microsoft.Extensions.Logging;

namespace CostOps.Application.Nightly.FanOut;

/// <summary>
/// Computes one shard of a fanned-out night for one queue delivery and reports it: the shard's rows are upserted
/// under the night's run id (a re-delivery replaces them), its <c>NightShards</c> row is replaced, and the night's
/// Runs row is derived again from every shard (<see cref="NightTally"/>). A delivery that fails is reported as
/// Retrying, or Failed when it was the last the queue allows (the host then moves the message to the poison queue).
/// </summary>
public sealed partial class NightlyShardRunner(
    TcoRecalculation recalculation,
    IShardLedger ledger,
    IRunStore runs,
    UpstreamCallCounter upstreamCalls,
    TimeProvider time,
    ILogger<NightlyShardRunner> logger)
{
    /// <summary>How often the night's row is derived again when shards reported meanwhile (each pass sees more of them).</summary>
    private const int MaxTallyPasses = 8;

    /// <param name="delivery">The queue's dequeue count of this delivery (1 for the first).</param>
    /// <param name="maxDeliveries">The host's <c>maxDequeueCount</c>: the delivery after which the message is poisoned.</param>
    public async Task<ShardRunResult> RunAsync(ShardMessage message, long delivery, int maxDeliveries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var callsBefore = upstreamCalls.Count;
        TcoComputation? computed = null;
        IReadOnlyList<string> errors;
        try
        {
            computed = await recalculation.ComputeShardAsync(message.WorkloadIds, new DayRange(message.From, message.To), message.NightRunId, cancellationToken);
            errors = computed.Errors;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            errors = [$"shard: {ex.Message}"];
        }
        var succeeded = computed is { Status: JobStatus.Succeeded };
        var status = succeeded ? ShardStatus.Succeeded : delivery >= maxDeliveries ? ShardStatus.Failed : ShardStatus.Retrying;

        var previous = (await ledger.ListAsync(message.NightRunId, cancellationToken)).FirstOrDefault(s => s.ShardId == message.ShardId);
        if (!succeeded && previous?.Status == ShardStatus.Succeeded)
        {
            // A late duplicate of a shard that already succeeded: its rows stand (a failed workload keeps its rows), keep the success.
            LogDuplicateFailed(logger, message.NightRunId, message.ShardId, delivery);
            return new ShardRunResult(ShardStatus.Succeeded, errors, NightTally.Of(message, await ledger.ListAsync(message.NightRunId, cancellationToken), time.GetUtcNow()));
        }

        var state = new ShardState(
            message.ShardId, message.Scope, message.WorkloadIds, status, delivery,
            computed?.Workloads.Count(w => w.Succeeded) ?? 0,
            computed?.Workloads.Count(w => !w.Succeeded) ?? message.WorkloadIds.Count,
            computed?.Rows.Count ?? 0,
            upstreamCalls.Count - callsBefore,
            errors,
            time.GetUtcNow());
        await ledger.RecordAsync(message.NightRunId, state, cancellationToken);
        LogShard(logger, message.NightRunId, message.ShardId, status, delivery, maxDeliveries, state.RowsWritten);
        var night = await TallyAsync(message, cancellationToken);
        return new ShardRunResult(status, errors, night);
    }

    /// <summary>
    /// Writes the night's row from the shards' states, then reads them again: while another shard reported in between,
    /// writes again. Whoever reports last therefore leaves a row that counts every shard, without locks or ETags.
    /// </summary>
    private async Task<Results.RunRecord> TallyAsync(ShardMessage message, CancellationToken cancellationToken)
    {
        var states = await ledger.ListAsync(message.NightRunId, cancellationToken);
        var night = NightTally.Of(message, states, time.GetUtcNow());
        for (var pass = 0; pass < MaxTallyPasses; pass++)
        {
            await runs.WriteAsync(night, cancellationToken);
            var again = await ledger.ListAsync(message.NightRunId, cancellationToken);
            if (Same(states, again))
            {
                break;
            }
            states = again;
            night = NightTally.Of(message, states, time.GetUtcNow());
        }
        if (night.IsFinished)
        {
            LogNightFinished(logger, night.RunId, night.Status, night.Shards!.Succeeded, night.Shards.Failed, night.Shards.Expected);
        }
        return night;
    }

    private static bool Same(IReadOnlyList<ShardState> a, IReadOnlyList<ShardState> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.ShardId == p.Second.ShardId && p.First.Status == p.Second.Status && p.First.Deliveries == p.Second.Deliveries && p.First.UpdatedAt == p.Second.UpdatedAt);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "NightlyTco night {RunId} shard {ShardId}: {Status} on delivery {Delivery} of {MaxDeliveries}, {Rows} rows")]
    private static partial void LogShard(ILogger logger, string runId, string shardId, ShardStatus status, long delivery, int maxDeliveries, int rows);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Warning, Message = "NightlyTco night {RunId} shard {ShardId} failed on delivery {Delivery} after it had already succeeded: its success stands")]
    private static partial void LogDuplicateFailed(ILogger logger, string runId, string shardId, long delivery);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Information, Message = "NightlyTco night {RunId} {Status}: {Succeeded} of {Expected} shards succeeded, {Failed} failed")]
    private static partial void LogNightFinished(ILogger logger, string runId, JobStatus status, int succeeded, int failed, int expected);
}

/// <summary>How one delivery of a shard went, and the night's row after it.</summary>
/// <param name="Status">Succeeded, Retrying (the queue will deliver it again) or Failed (it goes to the poison queue).</param>
public sealed record ShardRunResult(ShardStatus Status, IReadOnlyList<string> Errors, Results.RunRecord Night);
