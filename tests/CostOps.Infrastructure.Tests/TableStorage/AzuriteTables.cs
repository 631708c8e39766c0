using Azure.Core;
using CostOps.Infrastructure.TableStorage;
using CostOps.TestSupport.Azurite;

namespace CostOps.Infrastructure.Tests.TableStorage;

/// <summary>A fresh table on the shared Azurite, with a request counter on its pipeline.</summary>
internal sealed class AzuriteTables
{
    private AzuriteTables(TableServiceClient service, TableClient table, RequestCountingPolicy counter)
    {
        Service = service;
        Table = table;
        Counter = counter;
    }

    public TableServiceClient Service { get; }

    public TableClient Table { get; }

    public RequestCountingPolicy Counter { get; }

    public static async Task<AzuriteTables> CreateAsync(AzuriteFixture azurite, TableClientOptions? options = null)
    {
        var counter = new RequestCountingPolicy();
        options ??= new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        var service = new TableServiceClient(azurite.ConnectionString, options);
        var table = service.GetTableClient(AzuriteFixture.UniqueTableName());
        await table.CreateIfNotExistsAsync();
        return new AzuriteTables(service, table, counter);
    }
}
