using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using CostOps.Domain.Validation;

namespace CostOps.Application.Json;

/// <summary>Parses JSON text into a document, turning syntax errors into a field error with a line and position.</summary>
public static class JsonDocuments
{
    private static readonly JsonDocumentOptions s_options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 32,
    };

    /// <exception cref="DomainValidationException">The text is not valid JSON.</exception>
    public static JsonDocument Parse(string json, string sourceName)
    {
        try
        {
            return JsonDocument.Parse(json, s_options);
        }
        catch (JsonException ex)
        {
            throw Invalid(ex, sourceName);
        }
    }

    /// <summary>The same for UTF-8 bytes (an HTTP body), without decoding them to a string first. The document reads the bytes for its whole life.</summary>
    /// <exception cref="DomainValidationException">The bytes are not valid JSON, or not UTF-8.</exception>
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8Json, string sourceName)
    {
        // The parser checks structure, not the bytes inside strings: an invalid sequence there would only fail when the
        // string is read, far from here and as an InvalidOperationException (a 500 over HTTP).
        if (!Utf8.IsValid(utf8Json.Span))
        {
            throw new DomainValidationException(sourceName, $"is not valid UTF-8 (the first invalid byte is at offset {FirstInvalidByte(utf8Json.Span)})");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, s_options);
        }
        catch (JsonException ex)
        {
            throw Invalid(ex, sourceName);
        }
        if (FirstUnreadableString(document.RootElement, "") is { } path)
        {
            document.Dispose();
            throw new DomainValidationException(path.Length == 0 ? sourceName : path, "is not valid Unicode text (an unpaired surrogate escape such as \\ud800)");
        }
        return document;
    }

    /// <summary>
    /// The path of the first string or property name that cannot be read as text (a lone surrogate escape: the parser
    /// accepts it, reading it throws), so it is refused here, naming the field, rather than failing wherever it is read.
    /// </summary>
    private static string? FirstUnreadableString(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Readable(() => element.GetString()) ? null : path;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstUnreadableString(item, $"{path}[{index++}]") is { } inItem)
                    {
                        return inItem;
                    }
                }
                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string? name = null;
                    if (!Readable(() => name = property.Name))
                    {
                        return path;
                    }
                    if (FirstUnreadableString(property.Value, path.Length == 0 ? name! : $"{path}.{name}") is { } inValue)
                    {
                        return inValue;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    private static bool Readable(Action read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length && Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }
        return offset;
    }

    private static DomainValidationException Invalid(JsonException ex, string sourceName)
    {
        var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}" : "";
        return new DomainValidationException(sourceName, $"is not valid JSON{where}");
    }
}
