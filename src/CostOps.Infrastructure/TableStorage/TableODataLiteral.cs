using System.Globalization;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>Formats CLR values as OData filter literals for <see cref="TableClient.CreateQueryFilter"/>.</summary>
internal static class TableODataLiteral
{
    public static string Format(object? value) => value switch
    {
        null => "null",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => FormatDouble(d),
        DateTimeOffset d => "datetime'" + d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + "'",
        DateTime { Kind: DateTimeKind.Utc } d => "datetime'" + d.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + "'",
        Guid g => "guid'" + g.ToString("D") + "'",
        byte[] bytes => "X'" + Convert.ToHexString(bytes) + "'",
        decimal => throw new ArgumentException("A filter argument is a decimal, which Table storage has no type for; use a double."),
        _ => throw new ArgumentException($"A filter argument has CLR type {value.GetType().FullName}, which has no OData literal here."),
    };

    // A whole double needs a fraction, or the service compares it as an Int32.
    private static string FormatDouble(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny(".E") >= 0 ? text : text + ".0";
    }
}
