using Azure;
using CostOps.Infrastructure.TableStorage;
using CostOps.TestSupport.Azurite;

namespace CostOps.Infrastructure.Tests.TableStorage;

[Collection(AzuriteFixture.CollectionName)]
public sealed class ConcurrencyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task UpdateWithAStaleETag_ThrowsTheConflictException()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        await tables.Table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        var read = (await tables.Table.GetEntityAsync("p", "r")).Value;
        await tables.Table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }, read.ETag, TableUpdateMode.Replace);

        var error = await Assert.ThrowsAsync<TableConcurrencyException>(() =>
            tables.Table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 3 }, read.ETag, TableUpdateMode.Replace));

        Assert.Equal(412, error.Status);
        Assert.Equal("UpdateConditionNotSatisfied", error.ErrorCode);
        Assert.Equal(2, (await tables.Table.GetEntityAsync("p", "r")).Value.GetInt32("V"));
    }

    [Fact]
    public async Task UpdateWithTheCurrentETag_Succeeds_AndReturnsTheNewETag()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        await tables.Table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        var read = (await tables.Table.GetEntityAsync("p", "r")).Value;

        var response = await tables.Table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }, read.ETag, TableUpdateMode.Merge);

        Assert.NotNull(response.Headers.ETag);
        Assert.NotEqual(read.ETag, response.Headers.ETag!.Value);
    }

    [Fact]
    public async Task DeleteWithAStaleETag_ThrowsTheConflictException_AndKeepsTheEntity()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        await tables.Table.AddEntityAsync(new TableEntity("p", "r"));
        var stale = (await tables.Table.GetEntityAsync("p", "r")).Value.ETag;
        await tables.Table.UpsertEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });

        await Assert.ThrowsAsync<TableConcurrencyException>(() => tables.Table.DeleteEntityAsync("p", "r", stale));

        Assert.True((await tables.Table.GetEntityIfExistsAsync("p", "r")).HasValue);
    }

    [Fact]
    public async Task UpdateOfAMissingEntity_FailsWithNotFound()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            tables.Table.UpdateEntityAsync(new TableEntity("p", "missing"), ETag.All));

        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task UpdateWithoutAnETag_IsRejectedBeforeTheRequest()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var before = tables.Counter.Count;

        await Assert.ThrowsAsync<ArgumentException>(() => tables.Table.UpdateEntityAsync(new TableEntity("p", "r"), default));

        Assert.Equal(before, tables.Counter.Count);
    }
}
