using CostOps.Infrastructure.TableStorage;
using CostOps.TestSupport.Azurite;

namespace CostOps.Infrastructure.Tests.TableStorage;

[Collection(AzuriteFixture.CollectionName)]
public sealed class QueryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Query_FollowsContinuation_OverMoreThanAThousandEntities()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var entities = Enumerable.Range(0, 1_234).Select(i => new TableEntity($"w{i % 3}", $"{i:D5}") { ["I"] = i });
        await new TableBatchWriter(tables.Table).UpsertAsync(entities);

        var pages = new List<Azure.Page<TableEntity>>();
        await foreach (var page in tables.Table.QueryAsync().AsPages())
        {
            pages.Add(page);
        }
        var all = pages.SelectMany(p => p.Values).ToList();

        Assert.True(pages.Count >= 2, $"expected several pages, got {pages.Count}");
        Assert.All(pages, p => Assert.True(p.Values.Count <= 1_000));
        Assert.Null(pages[^1].ContinuationToken);
        Assert.Equal(1_234, all.Count);
        Assert.Equal(Enumerable.Range(0, 1_234), all.Select(e => e.GetInt32("I")!.Value).Order());
    }

    [Fact]
    public async Task Query_WithMaxPerPage_PagesAndStillReturnsEverything()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        await new TableBatchWriter(tables.Table).UpsertAsync(Enumerable.Range(0, 25).Select(i => new TableEntity("w", $"{i:D2}")));

        var pageSizes = new List<int>();
        await foreach (var page in tables.Table.QueryAsync(maxPerPage: 10).AsPages())
        {
            pageSizes.Add(page.Values.Count);
        }

        Assert.Equal(25, pageSizes.Sum());
        Assert.All(pageSizes, size => Assert.True(size <= 10));
    }

    [Fact]
    public async Task QueryFilter_EscapesValues_AndMatchesTypedProperties()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var at = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        await new TableBatchWriter(tables.Table).UpsertAsync(
        [
            new TableEntity("it's", "2026-11-01") { ["Tokens"] = 5_000_000_000L, ["At"] = at, ["Cost"] = 12.0 },
            new TableEntity("it's", "2026-11-02") { ["Tokens"] = 1L, ["At"] = at.AddDays(1), ["Cost"] = 3.5 },
            new TableEntity("other", "2026-11-01") { ["Tokens"] = 5_000_000_000L, ["At"] = at, ["Cost"] = 12.0 },
        ]);

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {"it's"} and Tokens gt {4_000_000_000L} and At le {at} and Cost ge {12.0}");
        var found = await EntityRoundTripTests.ToListAsync(tables.Table.QueryAsync(filter, select: ["RowKey", "Tokens", "Cost"]));

        var only = Assert.Single(found);
        Assert.Equal("2026-11-01", only.RowKey);
        Assert.Equal(5_000_000_000L, only.GetInt64("Tokens"));
        Assert.False(only.ContainsKey("At"));
    }

    [Fact]
    public void QueryFilter_FormatsEachLiteralType()
    {
        var filter = TableClient.CreateQueryFilter(
            $"A eq {"o'k"} and B eq {7} and C eq {7L} and D eq {2.0} and E eq {true} and F eq {Guid.Empty} and G eq {new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(1))} and H eq {new byte[] { 10, 11 }}");

        Assert.Equal(
            "A eq 'o''k' and B eq 7 and C eq 7L and D eq 2.0 and E eq true and F eq guid'00000000-0000-0000-0000-000000000000' and G eq datetime'2026-01-02T02:04:05.0000000Z' and H eq X'0A0B'",
            filter);
    }
}
