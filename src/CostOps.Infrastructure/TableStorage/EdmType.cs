namespace CostOps.Infrastructure.TableStorage;

/// <summary>The Entity Data Model types Table storage stores, and the CLR types that map to them.</summary>
internal enum EdmType
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

internal static class EdmTypes
{
    // Edm.DateTime starts at 1601-01-01 UTC (the Windows FILETIME epoch the service stores).
    public static readonly DateTimeOffset MinDateTime = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string Annotation(EdmType type) => type switch
    {
        EdmType.String => "Edm.String",
        EdmType.Int32 => "Edm.Int32",
        EdmType.Int64 => "Edm.Int64",
        EdmType.Double => "Edm.Double",
        EdmType.Boolean => "Edm.Boolean",
        EdmType.DateTime => "Edm.DateTime",
        EdmType.Guid => "Edm.Guid",
        EdmType.Binary => "Edm.Binary",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Maps a property value to its Edm type, rejecting CLR types the service has no type for.</summary>
    public static EdmType Classify(string propertyName, object value) => value switch
    {
        string => EdmType.String,
        int => EdmType.Int32,
        long => EdmType.Int64,
        double => EdmType.Double,
        bool => EdmType.Boolean,
        DateTimeOffset => EdmType.DateTime,
        DateTime => EdmType.DateTime,
        Guid => EdmType.Guid,
        byte[] => EdmType.Binary,
        BinaryData => EdmType.Binary,
        decimal => throw TableArgument.Invalid(
            $"Property '{propertyName}' is a decimal, which Table storage has no type for; store money as a Double or as an invariant-culture string.",
            "entity"),
        _ => throw TableArgument.Invalid(
            $"Property '{propertyName}' has CLR type {value.GetType().FullName}, which Table storage cannot store; use string, int, long, double, bool, DateTimeOffset, Guid or byte[].",
            "entity"),
    };

    /// <summary>The UTC instant of a date value, rejecting ambiguous or out-of-range dates.</summary>
    public static DateTimeOffset ToUtc(string propertyName, object value)
    {
        var utc = value switch
        {
            DateTimeOffset offset => offset.ToUniversalTime(),
            DateTime { Kind: DateTimeKind.Unspecified } => throw TableArgument.Invalid(
                $"Property '{propertyName}' is a DateTime of unspecified kind; use a DateTimeOffset or DateTimeKind.Utc so the stored instant is unambiguous.",
                "entity"),
            DateTime dateTime => new DateTimeOffset(dateTime.ToUniversalTime(), TimeSpan.Zero),
            _ => throw TableArgument.Invalid($"Property '{propertyName}' is not a date.", "entity"),
        };
        if (utc < MinDateTime)
        {
            throw TableArgument.Invalid($"Property '{propertyName}' is {utc:O}; Table storage dates start at 1601-01-01T00:00:00Z.", "entity");
        }
        return utc;
    }
}
