using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using CostOps.Infrastructure.TableStorage.Stores;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>
/// Azure.Data.Tables clients as CostOps uses them: from a connection string (Azurite, <c>UseDevelopmentStorage=true</c>,
/// an account key) or an endpoint with the managed identity, with retries tuned so a run that cannot reach storage
/// says so within seconds, naming the endpoint.
/// </summary>
public static class TableStorageClients
{
    // Every attempt, retries included, gets this long to connect; a dropped SYN otherwise waits for the network timeout.
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Options with bounded retries: 3 retries, exponential from 0.25 s (about 2 s in all before giving up on a
    /// refused connection), each delay capped at 5 s unless the service's <c>Retry-After</c> asks for more; 30 s for
    /// one request. The SDK retries 408, 429, 500, 502, 503, 504 and connection failures; an endpoint that never
    /// answers ends in a <see cref="TableStorageUnreachableException"/>.
    /// </summary>
    public static TableClientOptions CreateOptions()
    {
        var options = new TableClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(250);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(5);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        options.Transport = new HttpClientTransport(new SocketsHttpHandler
        {
            ConnectTimeout = ConnectTimeout,
            // As Azure.Core's own default transport: the pipeline handles redirects and cookies have no place here.
            AllowAutoRedirect = false,
            UseCookies = false,
        });
        options.AddPolicy(new UnreachableStoragePolicy(), HttpPipelinePosition.PerCall);
        return options;
    }

    /// <summary>The account client for <c>CostOps:Storage</c> (validated at start-up by <see cref="StorageOptionsValidator"/>).</summary>
    /// <param name="storage">The storage settings: a connection string, or a table endpoint for the managed identity.</param>
    /// <param name="entraId">The storage credential (<c>AzureCredentials</c>), asked for only when the settings name a table endpoint.</param>
    /// <param name="options">Client options; <see cref="CreateOptions"/> when null.</param>
    /// <exception cref="ArgumentException">The connection string is malformed; the message names the setting, never the key.</exception>
    public static TableServiceClient CreateService(StorageOptions storage, Func<TokenCredential>? entraId = null, TableClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        options ??= CreateOptions();
        if (!string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            _ = TableConnectionString.Parse(storage.ConnectionString);
            return new TableServiceClient(storage.ConnectionString, options);
        }
        var credential = entraId?.Invoke()
            ?? throw new ArgumentException($"{StorageOptions.Section}:TableEndpoint needs a credential (AzureCredentials' storage purpose).", nameof(entraId));
        return new TableServiceClient(new Uri(storage.TableEndpoint!), credential, options);
    }
}
