using CostOps.Infrastructure.TableStorage;
using CostOps.TestSupport.Azurite;

namespace CostOps.Infrastructure.Tests.TableStorage;

[Collection(AzuriteFixture.CollectionName)]
public sealed class EntityRoundTripTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset SomeInstant = new DateTimeOffset(2026, 11, 22, 1, 30, 15, TimeSpan.Zero).AddTicks(1234567);

    private static TableEntity EveryType(string partitionKey, string rowKey) => new(partitionKey, rowKey)
    {
        ["Name"] = "gpu-a100 ünïcode ' \" quote",
        ["Count"] = 42,
        ["NegativeCount"] = int.MinValue,
        ["Tokens"] = 9_007_199_254_740_993L,
        ["SmallLong"] = 7L,
        ["Cost"] = 167.52,
        ["WholeCost"] = 12.0,
        ["Zero"] = 0.0,
        ["Tiny"] = 1e-300,
        ["NotANumber"] = double.NaN,
        ["Positive"] = double.PositiveInfinity,
        ["Enabled"] = true,
        ["Disabled"] = false,
        ["At"] = SomeInstant,
        ["AtFromDateTime"] = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc),
        ["Id"] = Guid.Parse("0d391d16-97f1-4b9a-be68-4cc871f90001"),
        ["Blob"] = new byte[] { 0, 1, 2, 254, 255 },
        ["Empty"] = string.Empty,
    };

    [Fact]
    public async Task EveryEdmType_RoundTripsWithItsType_ThroughGetAndQuery()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        await tables.Table.UpsertEntityAsync(EveryType("p1", "r1"), TableUpdateMode.Replace);

        var read = (await tables.Table.GetEntityAsync("p1", "r1")).Value;
        AssertEveryType(read);
        Assert.NotEqual(default, read.ETag);
        Assert.NotNull(read.Timestamp);

        var queried = Assert.Single(await ToListAsync(tables.Table.QueryAsync()));
        AssertEveryType(queried);
        Assert.Equal(read.ETag, queried.ETag);
    }

    [Fact]
    public async Task KeysWithQuotesSpacesAndUnicode_RoundTrip()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var entity = new TableEntity("workload 'a' & b=c", "2026-11-22 ü+%20") { ["Value"] = 1 };
        await tables.Table.AddEntityAsync(entity);

        var read = (await tables.Table.GetEntityAsync(entity.PartitionKey, entity.RowKey)).Value;

        Assert.Equal(entity.PartitionKey, read.PartitionKey);
        Assert.Equal(entity.RowKey, read.RowKey);
        Assert.Equal(1, read.GetInt32("Value"));
    }

    [Fact]
    public async Task RewritingTheSameKeys_IsIdempotent_AndReplaceDropsOldProperties()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        await tables.Table.UpsertEntityAsync(new TableEntity("w1", "2026-11-22") { ["Cost"] = 10.0, ["Old"] = "x" }, TableUpdateMode.Replace);
        await tables.Table.UpsertEntityAsync(new TableEntity("w1", "2026-11-22") { ["Cost"] = 11.0 }, TableUpdateMode.Replace);
        await tables.Table.UpsertEntityAsync(new TableEntity("w1", "2026-11-22") { ["Cost"] = 11.0 }, TableUpdateMode.Replace);

        var all = await ToListAsync(tables.Table.QueryAsync());

        var only = Assert.Single(all);
        Assert.Equal(11.0, only.GetDouble("Cost"));
        Assert.False(only.ContainsKey("Old"));
    }

    [Fact]
    public async Task UpsertMerge_KeepsPropertiesTheNewEntityDoesNotMention()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        await tables.Table.UpsertEntityAsync(new TableEntity("w1", "r") { ["A"] = 1, ["B"] = "b" }, TableUpdateMode.Replace);
        await tables.Table.UpsertEntityAsync(new TableEntity("w1", "r") { ["A"] = 2 }, TableUpdateMode.Merge);

        var read = (await tables.Table.GetEntityAsync("w1", "r")).Value;

        Assert.Equal(2, read.GetInt32("A"));
        Assert.Equal("b", read.GetString("B"));
    }

    [Fact]
    public async Task AddingAnExistingEntity_FailsWithEntityAlreadyExists()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        await tables.Table.AddEntityAsync(new TableEntity("p", "r"));

        var error = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => tables.Table.AddEntityAsync(new TableEntity("p", "r")));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Contains("RowKey 'r'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetEntityIfExists_HasNoValue_ForAMissingEntity_AndDeleteIsIdempotent()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        await tables.Table.AddEntityAsync(new TableEntity("p", "r"));

        await tables.Table.DeleteEntityAsync("p", "r");
        await tables.Table.DeleteEntityAsync("p", "r");
        var missing = await tables.Table.GetEntityIfExistsAsync("p", "r");

        Assert.False(missing.HasValue);
        var error = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => tables.Table.GetEntityAsync("p", "r"));
        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task ReadingFromAMissingTable_FailsNamingTableNotFound_RatherThanReportingNoEntity()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(AzuriteFixture.UniqueTableName());

        var error = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => table.GetEntityIfExistsAsync("p", "r"));

        Assert.Equal(404, error.Status);
        Assert.Equal("TableNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task Select_ReturnsOnlyTheNamedProperties()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        await tables.Table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = 1, ["B"] = 2L });

        var read = (await tables.Table.GetEntityAsync("p", "r", select: ["B"])).Value;

        Assert.Equal(2L, read.GetInt64("B"));
        Assert.False(read.ContainsKey("A"));
    }

    private static void AssertEveryType(TableEntity read)
    {
        Assert.Equal("gpu-a100 ünïcode ' \" quote", read["Name"]);
        Assert.Equal(42, read["Count"]);
        Assert.Equal(int.MinValue, read["NegativeCount"]);
        Assert.Equal(9_007_199_254_740_993L, read["Tokens"]);
        Assert.Equal(7L, read["SmallLong"]);
        Assert.Equal(167.52, read["Cost"]);
        Assert.Equal(12.0, read["WholeCost"]);
        Assert.IsType<double>(read["WholeCost"]);
        Assert.IsType<double>(read["Zero"]);
        Assert.Equal(1e-300, read["Tiny"]);
        Assert.True(double.IsNaN((double)read["NotANumber"]!));
        Assert.Equal(double.PositiveInfinity, read["Positive"]);
        Assert.Equal(true, read["Enabled"]);
        Assert.Equal(false, read["Disabled"]);
        Assert.Equal(SomeInstant, read["At"]);
        Assert.Equal(TimeSpan.Zero, read.GetDateTimeOffset("At")!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), read["AtFromDateTime"]);
        Assert.Equal(Guid.Parse("0d391d16-97f1-4b9a-be68-4cc871f90001"), read["Id"]);
        Assert.Equal(new byte[] { 0, 1, 2, 254, 255 }, read["Blob"]);
        Assert.Equal(string.Empty, read["Empty"]);
    }

    internal static async Task<List<TableEntity>> ToListAsync(IAsyncEnumerable<TableEntity> source)
    {
        var list = new List<TableEntity>();
        await foreach (var item in source)
        {
            list.Add(item);
        }
        return list;
    }
}
