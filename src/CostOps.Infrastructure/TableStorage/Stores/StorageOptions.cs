namespace CostOps.Infrastructure.TableStorage.Stores;

/// <summary>
/// Where CostOps keeps its tables (section <c>CostOps:Storage</c>): a connection string (Azurite,
/// <c>UseDevelopmentStorage=true</c>, or an account key), or a table endpoint reached with the
/// managed identity (Entra ID bearer, scope <c>https://storage.azure.com/.default</c>).
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "CostOps:Storage";

    public string? ConnectionString { get; set; }

    /// <summary>e.g. <c>https://costops123.table.core.windows.net</c>; used with the managed identity.</summary>
    public string? TableEndpoint { get; set; }

    /// <summary>
    /// e.g. <c>https://costops123.queue.core.windows.net</c>: the nightly fan-out's queue service, used with the managed
    /// identity (a connection string names its own queue endpoint). Needed only when <c>CostOps:Nightly:Mode</c> is FanOut.
    /// </summary>
    public string? QueueEndpoint { get; set; }

    /// <summary>Client id of the user-assigned managed identity; empty for the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Prefix for every table name (e.g. to share one account between environments).</summary>
    public string? TablePrefix { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString) || !string.IsNullOrWhiteSpace(TableEndpoint);
}
