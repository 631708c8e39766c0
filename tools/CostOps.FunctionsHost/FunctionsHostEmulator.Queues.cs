using Azure.Storage.Queues;
using Azure.Storage.Queues.Specialized;

namespace CostOps.FunctionsHost;

public sealed partial class FunctionsHostEmulator
{
    // Long enough that a message being processed is not delivered twice; failures make it visible again at once.
    private static readonly TimeSpan DeliveryVisibilityTimeout = TimeSpan.FromMinutes(5);

    /// <summary>host.json's <c>extensions.queues.maxDequeueCount</c> (the host's default, 5, when it does not say).</summary>
    public int MaxDequeueCount => HostJson.ReadMaxDequeueCount(_options.HostJsonPath ?? Path.Combine(_appDirectory, "host.json"));

    /// <summary>
    /// Delivers the next visible message of <paramref name="queue"/> to the queue function, as the host's queue
    /// listener does: the message text with its real Id, DequeueCount, InsertionTime, ExpirationTime, NextVisibleTime
    /// and PopReceipt; on success the message is deleted; on failure it becomes visible again, or, once its dequeue
    /// count reached <see cref="MaxDequeueCount"/>, is moved to <c>&lt;queue&gt;-poison</c>.
    /// </summary>
    /// <returns>What happened, or null when no message was visible.</returns>
    public async Task<QueueDelivery?> DeliverNextAsync(string functionName, QueueClient queue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var received = (await queue.ReceiveMessageAsync(DeliveryVisibilityTimeout, cancellationToken)).Value;
        if (received is null)
        {
            return null;
        }
        var text = received.Body.ToString();
        var metadata = new QueueMessageMetadata
        {
            Id = received.MessageId,
            DequeueCount = received.DequeueCount,
            InsertionTime = received.InsertedOn,
            ExpirationTime = received.ExpiresOn,
            NextVisibleTime = received.NextVisibleOn,
            PopReceipt = received.PopReceipt,
        };
        var outcome = await InvokeQueueAsync(functionName, text, metadata, cancellationToken);
        if (outcome.Status == InvocationStatus.Success)
        {
            await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt, cancellationToken);
            return new QueueDelivery(received.MessageId, text, received.DequeueCount, outcome, Poisoned: false);
        }
        if (received.DequeueCount >= MaxDequeueCount)
        {
            var poison = PoisonQueueOf(queue);
            await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await poison.SendMessageAsync(text, cancellationToken);
            await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt, cancellationToken);
            AppendLog($"[host] Message {received.MessageId} failed {received.DequeueCount} deliveries; moved to {poison.Name}.");
            return new QueueDelivery(received.MessageId, text, received.DequeueCount, outcome, Poisoned: true);
        }
        // As the host with visibilityTimeout 0: the message is visible again at once.
        await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken);
        return new QueueDelivery(received.MessageId, text, received.DequeueCount, outcome, Poisoned: false);
    }

    /// <summary>Delivers messages until none is visible; answers every delivery in order.</summary>
    public async Task<IReadOnlyList<QueueDelivery>> DrainQueueAsync(string functionName, QueueClient queue, CancellationToken cancellationToken = default)
    {
        var deliveries = new List<QueueDelivery>();
        while (await DeliverNextAsync(functionName, queue, cancellationToken) is { } delivery)
        {
            deliveries.Add(delivery);
        }
        return deliveries;
    }

    /// <summary>The host's poison queue for <paramref name="queue"/>: same account, name + <c>-poison</c>, same encoding.</summary>
    public static QueueClient PoisonQueueOf(QueueClient queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        return queue.GetParentQueueServiceClient().GetQueueClient(queue.Name + "-poison");
    }
}

/// <summary>One delivery of a queue message by <see cref="FunctionsHostEmulator.DeliverNextAsync"/>.</summary>
/// <param name="Poisoned">The delivery failed and was the last allowed: the message is now in the poison queue.</param>
public sealed record QueueDelivery(string MessageId, string MessageText, long DequeueCount, InvocationOutcome Outcome, bool Poisoned);
