using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace CostOps.Infrastructure.TableStorage.Stores;

/// <summary>The CostOps tables on the configured account: clients by role, created on first use.</summary>
public sealed class CostOpsTables
{
    public CostOpsTables(TableServiceClient service, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Service = service;
        Names = string.IsNullOrEmpty(options.Value.TablePrefix) ? new CostOpsTableNames() : CostOpsTableNames.WithPrefix(options.Value.TablePrefix);
    }

    public CostOpsTables(TableServiceClient service, CostOpsTableNames names)
    {
        Service = service;
        Names = names;
    }

    public TableServiceClient Service { get; }

    public CostOpsTableNames Names { get; }

    public TableClient DailyTco => Service.GetTableClient(Names.DailyTco);

    public TableClient Decisions => Service.GetTableClient(Names.Decisions);

    public TableClient Runs => Service.GetTableClient(Names.Runs);

    public TableClient Prices => Service.GetTableClient(Names.Prices);

    public TableClient Leases => Service.GetTableClient(Names.Leases);

    public TableClient DigestPosts => Service.GetTableClient(Names.DigestPosts);

    public TableClient NightShards => Service.GetTableClient(Names.NightShards);

    /// <summary>Creates any missing table (idempotent; a few requests at start-up, sent together).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default) =>
        // At the same time, not one after another: the handler answers the host's readiness ping only after this.
        await Task.WhenAll(Names.All.Select(name => Service.CreateTableIfNotExistsAsync(name, cancellationToken)));
}
