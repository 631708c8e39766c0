using CostOps.Infrastructure.TableStorage;
using CostOps.TestSupport.Azurite;

namespace CostOps.Infrastructure.Tests.TableStorage;

[Collection(AzuriteFixture.CollectionName)]
public sealed class TransactionTests(AzuriteFixture azurite)
{
    private static List<TableTransactionAction> Upserts(string partitionKey, int count) =>
        Enumerable.Range(0, count)
            .Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partitionKey, $"r{i:D3}") { ["Index"] = i, ["Cost"] = i * 1.0 }))
            .ToList();

    [Fact]
    public async Task Batch_OfHundred_SucceedsAndReturnsOneResponsePerAction()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);

        var response = await tables.Table.SubmitTransactionAsync(Upserts("w1", 100));

        Assert.Equal(100, response.Value.Count);
        Assert.All(response.Value, r => Assert.Equal(204, r.Status));
        Assert.All(response.Value, r => Assert.NotNull(r.Headers.ETag));
        Assert.Equal(100, (await EntityRoundTripTests.ToListAsync(tables.Table.QueryAsync())).Count);
    }

    [Fact]
    public async Task Batch_OfHundredAndOne_IsRejectedBeforeTheRequest()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var before = tables.Counter.Count;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => tables.Table.SubmitTransactionAsync(Upserts("w1", 101)));

        Assert.Contains("101 actions", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, tables.Counter.Count);
    }

    [Fact]
    public async Task Batch_AcrossTwoPartitions_IsRejectedBeforeTheRequest()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var actions = Upserts("w1", 3);
        actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("w2", "r")));
        var before = tables.Counter.Count;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => tables.Table.SubmitTransactionAsync(actions));

        Assert.Contains("Action 3 has PartitionKey 'w2'", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, tables.Counter.Count);
    }

    [Fact]
    public async Task Batch_TouchingOneEntityTwice_IsRejectedBeforeTheRequest()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var actions = Upserts("w1", 3);
        actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity("w1", "r001")));
        var before = tables.Counter.Count;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => tables.Table.SubmitTransactionAsync(actions));

        Assert.Contains("repeats RowKey 'r001'", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, tables.Counter.Count);
    }

    [Fact]
    public async Task FailedBatch_WritesNothing_AndNamesTheFailingAction()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        await tables.Table.AddEntityAsync(new TableEntity("w1", "taken") { ["Original"] = true });
        var actions = Upserts("w1", 5);
        actions.Insert(3, new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("w1", "taken") { ["Original"] = false }));

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => tables.Table.SubmitTransactionAsync(actions));

        Assert.Equal(3, error.FailedTransactionActionIndex);
        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Contains("action 3 (Add, RowKey 'taken')", error.Message, StringComparison.Ordinal);
        var remaining = Assert.Single(await EntityRoundTripTests.ToListAsync(tables.Table.QueryAsync()));
        Assert.Equal("taken", remaining.RowKey);
        Assert.Equal(true, remaining.GetBoolean("Original"));
    }

    [Fact]
    public async Task Batch_MixesAddMergeReplaceAndDelete()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        await tables.Table.AddEntityAsync(new TableEntity("w1", "merge") { ["Kept"] = 1 });
        await tables.Table.AddEntityAsync(new TableEntity("w1", "delete"));
        var replaceTarget = new TableEntity("w1", "replace") { ["Old"] = 1 };
        await tables.Table.AddEntityAsync(replaceTarget);
        var etag = (await tables.Table.GetEntityAsync("w1", "replace")).Value.ETag;

        await tables.Table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("w1", "new") { ["V"] = 1 }),
            new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity("w1", "merge") { ["Added"] = 2 }),
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("w1", "replace") { ["New"] = 3 }, etag),
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("w1", "delete")),
        ]);

        var rows = (await EntityRoundTripTests.ToListAsync(tables.Table.QueryAsync())).ToDictionary(e => e.RowKey);
        Assert.Equal(["merge", "new", "replace"], rows.Keys.Order());
        Assert.Equal(1, rows["merge"].GetInt32("Kept"));
        Assert.Equal(2, rows["merge"].GetInt32("Added"));
        Assert.False(rows["replace"].ContainsKey("Old"));
        Assert.Equal(3, rows["replace"].GetInt32("New"));
    }

    [Fact]
    public async Task BatchUpdate_WithAStaleETag_FailsAtThatAction()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        await tables.Table.AddEntityAsync(new TableEntity("w1", "r") { ["V"] = 1 });
        var stale = (await tables.Table.GetEntityAsync("w1", "r")).Value.ETag;
        await tables.Table.UpsertEntityAsync(new TableEntity("w1", "r") { ["V"] = 2 });

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => tables.Table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("w1", "other")),
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("w1", "r") { ["V"] = 3 }, stale),
        ]));

        Assert.Equal(412, error.Status);
        Assert.Equal(1, error.FailedTransactionActionIndex);
        Assert.Equal(2, (await tables.Table.GetEntityAsync("w1", "r")).Value.GetInt32("V"));
    }
}
