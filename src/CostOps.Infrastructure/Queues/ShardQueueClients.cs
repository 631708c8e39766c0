using Azure.Core;
using Azure.Storage.Queues;
using CostOps.Infrastructure.TableStorage.Stores;

namespace CostOps.Infrastructure.Queues;

/// <summary>The shard queue's client, on the same account and identity as the tables (<c>CostOps:Storage</c>).</summary>
public static class ShardQueueClients
{
    /// <summary>Base64 message text, as the Functions queue trigger expects by default.</summary>
    public static QueueClientOptions CreateOptions() => new() { MessageEncoding = QueueMessageEncoding.Base64 };

    /// <summary>
    /// The queue <paramref name="queueName"/> from the connection string, or from <c>QueueEndpoint</c> with the storage
    /// purpose's credential (<see cref="Identity.AzureCredentials"/>, the one factory every Azure client uses).
    /// </summary>
    public static QueueClient Create(StorageOptions storage, string queueName, Func<TokenCredential>? entraId = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        if (!string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            return new QueueClient(storage.ConnectionString, queueName, CreateOptions());
        }
        if (string.IsNullOrWhiteSpace(storage.QueueEndpoint))
        {
            throw new InvalidOperationException($"{StorageOptions.Section}:QueueEndpoint is required for the nightly fan-out when storage is reached with {StorageOptions.Section}:TableEndpoint.");
        }
        var credential = entraId?.Invoke()
            ?? throw new ArgumentException($"{StorageOptions.Section}:QueueEndpoint needs a credential (AzureCredentials' storage purpose).", nameof(entraId));
        return new QueueClient(new Uri(storage.QueueEndpoint.TrimEnd('/') + "/" + queueName), credential, CreateOptions());
    }
}
