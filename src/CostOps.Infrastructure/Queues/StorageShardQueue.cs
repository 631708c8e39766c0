using Azure;
using Azure.Storage.Queues;
using CostOps.Application.Nightly.FanOut;
using CostOps.Application.Ports;

namespace CostOps.Infrastructure.Queues;

/// <summary>
/// The fan-out's Azure Storage queue. Messages are base64-encoded JSON, which is what the Functions queue trigger
/// decodes by default. The client is made and the queue created on first use (the Bicep creates it in Azure; Azurite
/// starts empty), so a single-instance app never needs a queue endpoint.
/// </summary>
public sealed class StorageShardQueue(Func<QueueClient> createQueue) : IShardQueue
{
    private readonly Lazy<QueueClient> _queue = new(createQueue);
    private int _created;

    public StorageShardQueue(QueueClient queue)
        : this(() => queue)
    {
    }

    public async Task EnqueueAsync(IReadOnlyList<ShardMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var queue = _queue.Value;
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
