using System.Text;
using Azure.Data.Tables;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>Sizes of an entity: as the service counts it against its limit, and as it travels in a transaction.</summary>
internal static class TableEntitySize
{
    // Per property on the wire: quotes, colon, comma and an "@odata.type" annotation with its value.
    private const int WirePropertyOverhead = 48;

    /// <summary>
    /// The documented entity size formula: 4 + 2 × len(PartitionKey + RowKey) + Σ (8 + 2 × len(name) + sizeof(value)),
    /// where sizeof is 2 × chars + 4 for strings, 8 for DateTime, 16 for Guid, 8 for Double, 4 for Int32, 8 for Int64,
    /// 1 for Boolean and bytes + 4 for Binary.
    /// </summary>
    public static long Stored(TableEntity entity)
    {
        long size = 4 + 2L * (entity.PartitionKey.Length + entity.RowKey.Length);
        foreach (var (name, value) in TableEntityValues.CustomProperties(entity))
        {
            size += 8 + 2L * name.Length + StoredValueSize(name, value);
        }
        return size;
    }

    /// <summary>
    /// An upper estimate of the entity's JSON in a transaction body (UTF-8, annotations included), so a batch can be
    /// cut before the service's 4 MiB limit without serializing it twice.
    /// </summary>
    public static long OnTheWire(TableEntity entity)
    {
        long size = 64 + Encoding.UTF8.GetByteCount(entity.PartitionKey) + Encoding.UTF8.GetByteCount(entity.RowKey);
        foreach (var (name, value) in TableEntityValues.CustomProperties(entity))
        {
            size += WirePropertyOverhead + (2L * Encoding.UTF8.GetByteCount(name)) + WireValueSize(value);
        }
        return size;
    }

    private static long StoredValueSize(string name, object value) => TableEntityValues.Classify(name, value) switch
    {
        TableValueKind.String => 2L * ((string)value).Length + 4,
        TableValueKind.Int32 => 4,
        TableValueKind.Int64 => 8,
        TableValueKind.Double => 8,
        TableValueKind.Boolean => 1,
        TableValueKind.DateTime => 8,
        TableValueKind.Guid => 16,
        TableValueKind.Binary => TableEntityValues.BinaryLength(value) + 4L,
        _ => 0,
    };

    // JSON escapes can grow a string; six bytes per control character (\uXXXX) bounds that for the text we store.
    private static long WireValueSize(object value) => value switch
    {
        string text => Encoding.UTF8.GetByteCount(text) + (6L * text.Count(c => c < ' ' || c is '"' or '\\')),
        byte[] or BinaryData => ((TableEntityValues.BinaryLength(value) + 2L) / 3 * 4) + 2,
        _ => 40,
    };
}
