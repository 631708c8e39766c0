using Azure.Data.Tables;
using CostOps.Infrastructure.TableStorage;
using CostOps.TestSupport.Azurite;

namespace CostOps.Infrastructure.Tests.TableStorage;

[Collection(AzuriteFixture.CollectionName)]
public sealed class TableBatchWriterTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Writer_SendsTheMinimumNumberOfTransactions_AcrossPartitions()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        // 250 rows in w0 (3 transactions), 101 in w1 (2), 1 in w2 (1).
        var entities = Enumerable.Range(0, 250).Select(i => new TableEntity("w0", $"{i:D4}") { ["I"] = i })
            .Concat(Enumerable.Range(0, 101).Select(i => new TableEntity("w1", $"{i:D4}") { ["I"] = i }))
            .Append(new TableEntity("w2", "0000"));
        var before = tables.Counter.Count;

        var result = await new TableBatchWriter(tables.Table, maxParallelism: 3).UpsertAsync(entities);

        Assert.Equal(new TableBatchWriteResult(Entities: 352, Partitions: 3, Requests: 6), result);
        Assert.Equal(6, tables.Counter.Count - before);
        Assert.Equal(352, (await tables.AllRowsAsync()).Count);
    }

    [Fact]
    public async Task Writer_RewritingTheSameRows_ReplacesThemWithoutDuplicates()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var writer = new TableBatchWriter(tables.Table);
        TableEntity Row(int i, double cost) => new("w", $"2026-11-{i:D2}") { ["Cost"] = cost };

        await writer.UpsertAsync(Enumerable.Range(1, 20).Select(i => Row(i, 1.0)));
        await writer.UpsertAsync(Enumerable.Range(1, 20).Select(i => Row(i, 2.0)));

        var all = await tables.AllRowsAsync();
        Assert.Equal(20, all.Count);
        Assert.All(all, e => Assert.Equal(2.0, e.GetDouble("Cost")));
    }

    [Fact]
    public async Task Writer_CollapsesRepeatedKeys_LastOneWinning()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);

        var result = await new TableBatchWriter(tables.Table).UpsertAsync(
        [
            new TableEntity("w", "r") { ["V"] = 1 },
            new TableEntity("w", "r") { ["V"] = 2 },
        ]);

        Assert.Equal(1, result.Entities);
        Assert.Equal(2, (await tables.Table.GetEntityAsync<TableEntity>("w", "r")).Value.GetInt32("V"));
    }

    [Fact]
    public async Task Writer_WithOneInvalidEntity_SendsNothing()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var before = tables.Counter.Count;
        var entities = Enumerable.Range(0, 150).Select(i => new TableEntity("w", $"{i:D3}")).Append(new TableEntity("w", "bad/key"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new TableBatchWriter(tables.Table).UpsertAsync(entities));

        Assert.StartsWith("RowKey 'bad/key'", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, tables.Counter.Count);
    }

    [Fact]
    public async Task Writer_WhenTheServiceRejectsATransaction_SurfacesTheServiceError()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var missing = tables.Service.GetTableClient(AzuriteFixture.UniqueTableName());

        var error = await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(() =>
            new TableBatchWriter(missing).UpsertAsync([new TableEntity("w", "r") { ["V"] = 1 }]));

        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task Writer_SplitsByPayloadSize_WhenHundredRowsWouldExceedFourMebibytes()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        // 100 rows of ~60 KB JSON each (~6 MB) cannot travel in one 4 MiB transaction.
        var entities = Enumerable.Range(0, 100).Select(i => new TableEntity("w", $"{i:D3}") { ["Text"] = new string('x', 30_000), ["More"] = new string('y', 30_000) });

        var result = await new TableBatchWriter(tables.Table).UpsertAsync(entities);

        Assert.Equal(2, result.Requests);
        Assert.Equal(100, (await tables.AllRowsAsync()).Count);
    }
}
