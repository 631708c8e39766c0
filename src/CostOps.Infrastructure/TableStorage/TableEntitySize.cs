namespace CostOps.Infrastructure.TableStorage;

/// <summary>
/// The documented entity size formula (understanding-the-table-service-data-model):
/// 4 + 2 × len(PartitionKey + RowKey) + Σ (8 + 2 × len(name) + sizeof(value)), where sizeof is
/// 2 × chars + 4 for strings, 8 for DateTime, 16 for Guid, 8 for Double, 4 for Int32, 8 for Int64,
/// 1 for Boolean and bytes + 4 for Binary.
/// </summary>
internal static class TableEntitySize
{
    public static long Estimate(TableEntity entity)
    {
        long size = 4 + 2L * (entity.PartitionKey.Length + entity.RowKey.Length);
        foreach (var (name, value) in entity)
        {
            size += 8 + 2L * name.Length + ValueSize(name, value);
        }
        return size;
    }

    private static long ValueSize(string name, object value) => EdmTypes.Classify(name, value) switch
    {
        EdmType.String => 2L * ((string)value).Length + 4,
        EdmType.Int32 => 4,
        EdmType.Int64 => 8,
        EdmType.Double => 8,
        EdmType.Boolean => 1,
        EdmType.DateTime => 8,
        EdmType.Guid => 16,
        EdmType.Binary => BinaryLength(value) + 4L,
        _ => 0,
    };

    public static int BinaryLength(object value) => value switch
    {
        byte[] bytes => bytes.Length,
        BinaryData data => data.ToMemory().Length,
        _ => 0,
    };
}
