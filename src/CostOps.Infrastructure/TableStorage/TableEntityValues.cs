using Azure.Data.Tables;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>
/// The value types Table storage stores, as the checks before a write see them. Azure.Data.Tables
/// would store a <see cref="decimal"/> as a Double without a word and throws on enums in a
/// <see cref="TableEntity"/>; here both are refused with the property's name.
/// </summary>
internal enum TableValueKind
{
    String,
    Int32,
    Int64,
    Double,
    Boolean,
    DateTime,
    Guid,
    Binary,
}

internal static class TableEntityValues
{
    // Edm.DateTime starts at 1601-01-01 UTC (the Windows FILETIME epoch the service stores).
    public static readonly DateTimeOffset MinDateTime = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The custom properties of an entity (the SDK keeps keys, timestamp and ETag in the same dictionary).</summary>
    public static IEnumerable<KeyValuePair<string, object>> CustomProperties(TableEntity entity) =>
        entity.Where(property => !TableConstants.IsSystemProperty(property.Key) && property.Value is not null);

    /// <summary>Maps a property value to its kind, rejecting CLR types the service has no type for.</summary>
    public static TableValueKind Classify(string propertyName, object value) => value switch
    {
        string => TableValueKind.String,
        int => TableValueKind.Int32,
        long => TableValueKind.Int64,
        double => TableValueKind.Double,
        bool => TableValueKind.Boolean,
        DateTimeOffset => TableValueKind.DateTime,
        DateTime => TableValueKind.DateTime,
        Guid => TableValueKind.Guid,
        byte[] => TableValueKind.Binary,
        BinaryData => TableValueKind.Binary,
        decimal => throw TableArgument.Invalid(
            $"Property '{propertyName}' is a decimal, which Table storage has no type for; store money as a Double or as an invariant-culture string."),
        _ => throw TableArgument.Invalid(
            $"Property '{propertyName}' has CLR type {value.GetType().FullName}, which Table storage cannot store; use string, int, long, double, bool, DateTimeOffset, Guid or byte[]."),
    };

    /// <summary>Rejects ambiguous or out-of-range dates.</summary>
    public static void EnsureStorableDate(string propertyName, object value)
    {
        var utc = value switch
        {
            DateTimeOffset offset => offset.ToUniversalTime(),
            DateTime { Kind: DateTimeKind.Unspecified } => throw TableArgument.Invalid(
                $"Property '{propertyName}' is a DateTime of unspecified kind; use a DateTimeOffset or DateTimeKind.Utc so the stored instant is unambiguous."),
            DateTime dateTime => new DateTimeOffset(dateTime.ToUniversalTime(), TimeSpan.Zero),
            _ => throw TableArgument.Invalid($"Property '{propertyName}' is not a date."),
        };
        if (utc < MinDateTime)
        {
            throw TableArgument.Invalid($"Property '{propertyName}' is {utc:O}; Table storage dates start at 1601-01-01T00:00:00Z.");
        }
    }

    public static int BinaryLength(object value) => value switch
    {
        byte[] bytes => bytes.Length,
        BinaryData data => data.ToMemory().Length,
        _ => 0,
    };
}
