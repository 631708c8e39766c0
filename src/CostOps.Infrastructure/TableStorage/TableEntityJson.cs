using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Azure;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>
/// OData JSON for entities, written with <see cref="Utf8JsonWriter"/> and read from
/// <see cref="JsonElement"/>: no reflection. Every type JSON cannot carry unambiguously gets an
/// <c>@odata.type</c> annotation, including whole-number doubles (or the service would store them
/// as Int32).
/// </summary>
internal static class TableEntityJson
{
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>The entity as a UTF-8 JSON body; the entity must already be validated.</summary>
    public static byte[] Serialize(TableEntity entity)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (entity.Count * 48));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, entity);
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, TableEntity entity)
    {
        writer.WriteStartObject();
        writer.WriteString(TableConstants.PartitionKey, entity.PartitionKey);
        writer.WriteString(TableConstants.RowKey, entity.RowKey);
        foreach (var (name, value) in entity)
        {
            WriteProperty(writer, name, value);
        }
        writer.WriteEndObject();
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object value)
    {
        var type = EdmTypes.Classify(name, value);
        switch (type)
        {
            case EdmType.String:
                writer.WriteString(name, (string)value);
                return;
            case EdmType.Int32:
                writer.WriteNumber(name, (int)value);
                return;
            case EdmType.Boolean:
                writer.WriteBoolean(name, (bool)value);
                return;
            case EdmType.Int64:
                writer.WriteString(name, ((long)value).ToString(CultureInfo.InvariantCulture));
                break;
            case EdmType.Double:
                WriteDouble(writer, name, (double)value);
                break;
            case EdmType.DateTime:
                writer.WriteString(name, EdmTypes.ToUtc(name, value).UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture));
                break;
            case EdmType.Guid:
                writer.WriteString(name, ((Guid)value).ToString("D"));
                break;
            case EdmType.Binary:
                writer.WriteBase64String(name, value is BinaryData data ? data.ToMemory().Span : (byte[])value);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value), type, "Unhandled Edm type.");
        }
        writer.WriteString(name + TableConstants.ODataTypeSuffix, EdmTypes.Annotation(type));
    }

    private static void WriteDouble(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsNaN(value))
        {
            writer.WriteString(name, "NaN");
        }
        else if (double.IsPositiveInfinity(value))
        {
            writer.WriteString(name, "Infinity");
        }
        else if (double.IsNegativeInfinity(value))
        {
            writer.WriteString(name, "-Infinity");
        }
        else
        {
            writer.WriteNumber(name, value);
        }
    }

    /// <summary>Reads one entity object; <paramref name="etag"/> (from a response header) wins over <c>odata.etag</c>.</summary>
    public static TableEntity Read(JsonElement element, ETag? etag = null)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"Expected an entity object but the service returned {element.ValueKind}.");
        }
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.EndsWith(TableConstants.ODataTypeSuffix, StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.String)
            {
                annotations[property.Name[..^TableConstants.ODataTypeSuffix.Length]] = property.Value.GetString()!;
            }
        }

        var entity = new TableEntity();
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            var value = property.Value;
            switch (name)
            {
                case TableConstants.PartitionKey:
                    entity.PartitionKey = value.GetString() ?? string.Empty;
                    continue;
                case TableConstants.RowKey:
                    entity.RowKey = value.GetString() ?? string.Empty;
                    continue;
                case TableConstants.Timestamp:
                    entity.Timestamp = ParseDateTime(value.GetString());
                    continue;
                case TableConstants.ODataEtag:
                    entity.ETag = new ETag(value.GetString()!);
                    continue;
                default:
                    break;
            }
            if (name.StartsWith("odata.", StringComparison.Ordinal) || name.Contains('@', StringComparison.Ordinal) || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }
            entity[name] = ReadValue(name, value, annotations.GetValueOrDefault(name));
        }
        if (etag is { } headerEtag)
        {
            entity.ETag = headerEtag;
        }
        return entity;
    }

    private static object ReadValue(string name, JsonElement value, string? annotation)
    {
        try
        {
            return annotation switch
            {
                "Edm.Int64" => long.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture),
                "Edm.Double" => ReadDouble(value),
                "Edm.DateTime" => ParseDateTime(value.GetString()),
                "Edm.Guid" => Guid.Parse(value.GetString()!),
                "Edm.Binary" => value.GetBytesFromBase64(),
                "Edm.Int32" => value.ValueKind == JsonValueKind.String
                    ? int.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture)
                    : value.GetInt32(),
                "Edm.Boolean" => value.ValueKind == JsonValueKind.String ? bool.Parse(value.GetString()!) : value.GetBoolean(),
                _ => Infer(value),
            };
        }
        catch (Exception exception) when (exception is FormatException or InvalidOperationException or OverflowException)
        {
            throw new FormatException($"Property '{name}' could not be read as {annotation ?? value.ValueKind.ToString()}.", exception);
        }
    }

    // Without an annotation, JSON carries the type: strings, booleans, and numbers that are
    // doubles exactly when they are written with a fraction or exponent (the service writes 1.0).
    private static object Infer(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => InferNumber(value),
        _ => throw new FormatException($"Unexpected JSON {value.ValueKind} for a property value."),
    };

    // Each branch boxes its own type: a shared conditional expression would widen ints to double.
    private static object InferNumber(JsonElement value)
    {
        if (!LooksLikeDouble(value.GetRawText()))
        {
            if (value.TryGetInt32(out var int32))
            {
                return int32;
            }
            if (value.TryGetInt64(out var int64))
            {
                return int64;
            }
        }
        return value.GetDouble();
    }

    private static bool LooksLikeDouble(string raw) => raw.AsSpan().IndexOfAny(".eE") >= 0;

    private static double ReadDouble(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.GetDouble();
        }
        return value.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" or "INF" => double.PositiveInfinity,
            "-Infinity" or "-INF" => double.NegativeInfinity,
            var text => double.Parse(text!, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
    }

    private static DateTimeOffset ParseDateTime(string? text) =>
        DateTimeOffset.Parse(
            text ?? throw new FormatException("A date value is null."),
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
