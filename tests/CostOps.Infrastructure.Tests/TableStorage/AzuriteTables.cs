using Azure.Core;
using Azure.Data.Tables;
using CostOps.Infrastructure.TableStorage;
using CostOps.TestSupport.Azurite;

namespace CostOps.Infrastructure.Tests.TableStorage;

/// <summary>A fresh table on the shared Azurite, through the product's client options, with a request counter on its pipeline.</summary>
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

    public static async Task<AzuriteTables> CreateAsync(AzuriteFixture azurite)
    {
        var counter = new RequestCountingPolicy();
        var options = TableStorageClients.CreateOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        var service = new TableServiceClient(azurite.ConnectionString, options);
        var table = service.GetTableClient(AzuriteFixture.UniqueTableName());
        await table.CreateIfNotExistsAsync();
        return new AzuriteTables(service, table, counter);
    }

    /// <summary>Every row of the table, all pages.</summary>
    public async Task<List<TableEntity>> AllRowsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }
        return rows;
    }
}
