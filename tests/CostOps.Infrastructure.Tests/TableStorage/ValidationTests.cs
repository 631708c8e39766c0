using Azure.Data.Tables;
using CostOps.Infrastructure.TableStorage;
using CostOps.TestSupport.Azurite;

namespace CostOps.Infrastructure.Tests.TableStorage;

/// <summary>
/// The checks <see cref="TableEntityValidator"/> makes before a write, seen through the batch writer: a bad entity fails
/// naming its key or property and sends nothing (the service would answer "Service request failed" or a bare 400).
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class ValidationTests(AzuriteFixture azurite)
{
    private static Task WriteAsync(AzuriteTables tables, TableEntity entity) => new TableBatchWriter(tables.Table).UpsertAsync([entity]);

    public static TheoryData<string, string> InvalidKeys => new()
    {
        { "a/b", "'/'" },
        { "a\\b", "'\\'" },
        { "a#b", "'#'" },
        { "a?b", "'?'" },
        { "a\u0000b", "U+0000" },
        { "a\u001Fb", "U+001F" },
        { "a\u007Fb", "U+007F" },
        { "a\u009Fb", "U+009F" },
        { new string('k', 513), "513 characters" },
    };

    [Theory]
    [MemberData(nameof(InvalidKeys))]
    public async Task InvalidPartitionKey_FailsNamingTheKey_AndSendsNoRequest(string key, string reason)
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var before = tables.Counter.Count;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(tables, new TableEntity(key, "r")));

        Assert.StartsWith("PartitionKey", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, tables.Counter.Count);
    }

    [Theory]
    [MemberData(nameof(InvalidKeys))]
    public async Task InvalidRowKey_FailsNamingTheKey_AndSendsNoRequest(string key, string reason)
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var before = tables.Counter.Count;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(tables, new TableEntity("p", key)));

        Assert.StartsWith("RowKey", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, tables.Counter.Count);
    }

    [Fact]
    public async Task KeyOfExactlyOneKibibyte_IsAccepted()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var key = new string('k', 512);

        await WriteAsync(tables, new TableEntity(key, key));

        Assert.True((await tables.Table.GetEntityIfExistsAsync<TableEntity>(key, key)).HasValue);
    }

    [Fact]
    public async Task DecimalProperty_FailsNamingTheProperty_AndSendsNoRequest()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var before = tables.Counter.Count;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(tables, new TableEntity("p", "r") { ["MonthlyCost"] = 12.34m }));

        Assert.Contains("Property 'MonthlyCost' is a decimal", error.Message, StringComparison.Ordinal);
        Assert.Contains("Double", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, tables.Counter.Count);
    }

    [Theory]
    [InlineData(1.5f)]
    [InlineData((short)3)]
    [InlineData(DayOfWeek.Monday)]
    public async Task UnsupportedClrType_FailsNamingTheProperty_AndSendsNoRequest(object value)
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var before = tables.Counter.Count;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(tables, new TableEntity("p", "r") { ["Odd"] = value }));

        Assert.Contains("Property 'Odd' has CLR type", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, tables.Counter.Count);
    }

    [Fact]
    public async Task TooManyProperties_FailsNamingTheEntity_AndSendsNoRequest()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 253; i++)
        {
            entity[$"P{i}"] = i;
        }
        var before = tables.Counter.Count;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(tables, entity));

        Assert.Contains("(PartitionKey 'p', RowKey 'r') has 253 custom properties", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, tables.Counter.Count);
    }

    [Fact]
    public async Task TwoHundredFiftyTwoProperties_AreAccepted()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 252; i++)
        {
            entity[$"P{i}"] = i;
        }

        await WriteAsync(tables, entity);

        Assert.Equal(252, (await tables.Table.GetEntityAsync<TableEntity>("p", "r")).Value.Count(p => p.Key.StartsWith('P') && p.Key != "PartitionKey"));
    }

    [Fact]
    public async Task OversizeEntity_FailsWithItsEstimatedSize_AndSendsNoRequest()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 17; i++)
        {
            entity[$"Chunk{i}"] = new string('x', 32 * 1024);
        }
        var before = tables.Counter.Count;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(tables, entity));

        Assert.Contains("(PartitionKey 'p', RowKey 'r') is", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 MiB", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, tables.Counter.Count);
    }

    [Fact]
    public async Task OversizeString_FailsNamingTheProperty_AndSendsNoRequest()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var before = tables.Counter.Count;

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            WriteAsync(tables, new TableEntity("p", "r") { ["Notes"] = new string('x', (32 * 1024) + 1) }));

        Assert.Contains("Property 'Notes' is a 32769-character string", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, tables.Counter.Count);
    }

    [Fact]
    public async Task OversizeBinary_FailsNamingTheProperty_AndSendsNoRequest()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var before = tables.Counter.Count;

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            WriteAsync(tables, new TableEntity("p", "r") { ["Blob"] = new byte[(64 * 1024) + 1] }));

        Assert.Contains("Property 'Blob' holds 65537 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, tables.Counter.Count);
    }

    [Theory]
    [InlineData("1st")]
    [InlineData("has space")]
    [InlineData("dash-ed")]
    [InlineData("odata.etag2")]
    public async Task InvalidPropertyName_FailsNamingTheProperty_AndSendsNoRequest(string name)
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var before = tables.Counter.Count;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(tables, new TableEntity("p", "r") { [name] = 1 }));

        Assert.Contains($"Property '{name}' is not a valid C# identifier", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, tables.Counter.Count);
    }

    [Fact]
    public async Task OverlongPropertyName_FailsAndSendsNoRequest()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var before = tables.Counter.Count;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(tables, new TableEntity("p", "r") { [new string('n', 256)] = 1 }));

        Assert.Contains("256-character name", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, tables.Counter.Count);
    }

    [Fact]
    public async Task DateTimeOfUnspecifiedKind_FailsNamingTheProperty_AndSendsNoRequest()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var before = tables.Counter.Count;

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            WriteAsync(tables, new TableEntity("p", "r") { ["Day"] = new DateTime(2026, 11, 22) }));

        Assert.Contains("Property 'Day' is a DateTime of unspecified kind", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, tables.Counter.Count);
    }
}
