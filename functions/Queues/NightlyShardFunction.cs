using CostOps.Application.Nightly;
using CostOps.Application.Nightly.FanOut;
using CostOps.Functions.Hosting;

namespace CostOps.Functions.Queues;

/// <summary>
/// <c>NightlyTcoShard</c>: computes one shard of a fanned-out night (<c>CostOps:Nightly:Mode = FanOut</c>) per queue
/// message. A delivery that fails throws, so the host delivers the message again after its visibility timeout and,
/// after host.json's <c>maxDequeueCount</c>, moves it to <c>costops-nightly-shards-poison</c>; the last delivery
/// records the shard as Failed first, so the night ends Partial naming it. Disabled in single-instance apps
/// (<c>AzureWebJobs.NightlyTcoShard.Disabled</c>, set by the Bicep).
/// </summary>
public sealed partial class NightlyShardFunction(NightlyShardRunner runner, HostJsonSettings host, ILogger<NightlyShardFunction> logger)
{
    public const string Name = "NightlyTcoShard";

    [Function(Name)]
    public async Task RunAsync([QueueTrigger(NightlyOptions.ShardQueue)] string message, long dequeueCount, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ShardMessage shard;
        try
        {
            shard = ShardMessage.Parse(message);
        }
        catch (FormatException ex)
        {
            // Nothing to report it to: it fails every delivery and ends in the poison queue, where an operator sees it.
            LogMalformed(logger, ex.Message);
            throw;
        }
        var result = await runner.RunAsync(shard, dequeueCount, host.MaxDequeueCount, context.CancellationToken);
        LogNight(logger, shard.NightRunId, shard.ShardId, result.Status, result.Night.Status, result.Night.Shards?.Succeeded ?? 0, result.Night.Shards?.Failed ?? 0, result.Night.Shards?.Expected ?? 0);
        if (result.Status != ShardStatus.Succeeded)
        {
            throw new ShardFailedException(shard, dequeueCount, host.MaxDequeueCount, result.Errors);
        }
    }

    [LoggerMessage(EventId = 1011, Level = LogLevel.Error, Message = "NightlyTcoShard got a message that is not a shard: {Reason}")]
    private static partial void LogMalformed(ILogger logger, string reason);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Information, Message = "NightlyTcoShard night {RunId} shard {ShardId}: {ShardStatus}; night {NightStatus} ({Succeeded} succeeded, {Failed} failed of {Expected} shards)")]
    private static partial void LogNight(ILogger logger, string runId, string shardId, ShardStatus shardStatus, Application.Jobs.JobStatus nightStatus, int succeeded, int failed, int expected);
}

/// <summary>A shard delivery that failed; the message says whether the queue will try again or poison it.</summary>
public sealed class ShardFailedException(ShardMessage shard, long delivery, int maxDeliveries, IReadOnlyList<string> errors)
    : Exception($"shard {shard.ShardId} of night {shard.NightRunId} failed on delivery {delivery} of {maxDeliveries}"
        + (delivery >= maxDeliveries ? " (recorded as failed; the message goes to the poison queue)" : " (the queue delivers it again)")
        + $": {string.Join(" | ", errors)}");
