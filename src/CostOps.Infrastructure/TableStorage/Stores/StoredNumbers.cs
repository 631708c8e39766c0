using Azure.Data.Tables;

namespace CostOps.Infrastructure.TableStorage.Stores;

/// <summary>
/// Numbers read as the rows mean them, whatever Edm type the writer picked: Azure.Data.Tables' <c>GetDouble</c> and
/// <c>GetInt64</c> throw on an Int32 value, which a row edited by hand or written by another client may hold.
/// </summary>
internal static class StoredNumbers
{
    /// <summary>The property as a Double (Int32 and Int64 values convert), or null when absent.</summary>
    public static double? ReadDouble(this TableEntity entity, string name) => entity.TryGetValue(name, out var value) ? value switch
    {
        null => null,
        double d => d,
        int i => i,
        long l => l,
        _ => throw WrongType(entity, name, "Double", value),
    }
    : null;

    /// <summary>The property as an Int64 (an Int32 value widens), or null when absent.</summary>
    public static long? ReadInt64(this TableEntity entity, string name) => entity.TryGetValue(name, out var value) ? value switch
    {
        null => null,
        long l => l,
        int i => i,
        _ => throw WrongType(entity, name, "Int64", value),
    }
    : null;

    private static InvalidDataException WrongType(TableEntity entity, string name, string wanted, object actual) =>
        new($"Row (PartitionKey '{entity.PartitionKey}', RowKey '{entity.RowKey}') has {name} as {actual.GetType().Name}, not {wanted}.");
}
