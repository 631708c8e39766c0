using System.Text;
using System.Text.Json;
using CostOps.Infrastructure.TableStorage;

namespace CostOps.Infrastructure.Tests.TableStorage;

public sealed class EntityJsonTests
{
    private static string Json(TableEntity entity) => Encoding.UTF8.GetString(TableEntityJson.Serialize(entity));

    [Fact]
    public void WholeNumberDouble_IsAnnotatedAsEdmDouble()
    {
        Assert.Equal(
            """{"PartitionKey":"p","RowKey":"r","Cost":12,"Cost@odata.type":"Edm.Double"}""",
            Json(new TableEntity("p", "r") { ["Cost"] = 12.0 }));
    }

    [Fact]
    public void Int64_IsAStringAnnotatedAsEdmInt64_AndInt32IsAPlainNumber()
    {
        Assert.Equal(
            """{"PartitionKey":"p","RowKey":"r","Tokens":"9007199254740993","Tokens@odata.type":"Edm.Int64","Count":7}""",
            Json(new TableEntity("p", "r") { ["Tokens"] = 9_007_199_254_740_993L, ["Count"] = 7 }));
    }

    [Fact]
    public void DatesAreUtcWithSevenFractionDigits_GuidsAndBinaryAreAnnotated()
    {
        var json = Json(new TableEntity("p", "r")
        {
            ["At"] = new DateTimeOffset(2026, 11, 22, 3, 30, 0, TimeSpan.FromHours(2)),
            ["Id"] = Guid.Parse("0d391d16-97f1-4b9a-be68-4cc871f90001"),
            ["Blob"] = new byte[] { 1, 2, 3 },
        });

        Assert.Contains("\"At\":\"2026-11-22T01:30:00.0000000Z\",\"At@odata.type\":\"Edm.DateTime\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Id\":\"0d391d16-97f1-4b9a-be68-4cc871f90001\",\"Id@odata.type\":\"Edm.Guid\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Blob\":\"AQID\",\"Blob@odata.type\":\"Edm.Binary\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void UnannotatedNumbers_AreInt32UnlessWrittenWithAFraction()
    {
        using var document = JsonDocument.Parse("""{"PartitionKey":"p","RowKey":"r","A":42,"B":42.0,"C":1e3,"odata.etag":"W/\"x\"","Timestamp":"2026-11-22T01:30:00.1234567Z"}""");

        var entity = TableEntityJson.Read(document.RootElement);

        Assert.IsType<int>(entity["A"]);
        Assert.IsType<double>(entity["B"]);
        Assert.IsType<double>(entity["C"]);
        Assert.Equal("W/\"x\"", entity.ETag.ToString());
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 1, 30, 0, TimeSpan.Zero).AddTicks(1_234_567), entity.Timestamp);
    }

    [Fact]
    public void TypedGetters_WidenNumbers_AndRejectOtherTypesNamingTheProperty()
    {
        var entity = new TableEntity("p", "r") { ["I"] = 5, ["S"] = "x" };

        Assert.Equal(5.0, entity.GetDouble("I"));
        Assert.Equal(5L, entity.GetInt64("I"));
        Assert.Null(entity.GetDouble("Missing"));
        var error = Assert.Throws<InvalidOperationException>(() => entity.GetDouble("S"));
        Assert.Contains("Property 'S' holds a String", error.Message, StringComparison.Ordinal);
    }
}
