using Azure;
using Azure.Storage.Queues;
using CostOps.Application.Nightly.FanOut;
using CostOps.Application.Ports;

namespace CostOps.Infrastructure.Queues;

/// <summary>
/// The fan-out's Azure Storage queue. Messages are base64-encoded JSON, which is what the Functions queue trigger
/// decodes by default. The queue is created on first use (the Bicep creates it in Azure; Azurite starts empty).
/// </summary>
public sealed class StorageShardQueue(QueueClient queue) : IShardQueue
{
    private int _created;

    public async Task EnqueueAsync(IReadOnlyList<ShardMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (Interlocked.Exchange(ref _created, 1) == 0)
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        foreach (var message in messages)
        {
            try
            {
                await queue.SendMessageAsync(message.ToJson(), cancellationToken);
            }
            catch (RequestFailedException ex)
            {
                // The SDK's message carries the request; the status and error code are what an operator needs.
                throw new InvalidOperationException($"queue '{queue.Name}' refused shard {message.ShardId}: {ex.Status} {ex.ErrorCode}", ex);
            }
        }
    }
}
