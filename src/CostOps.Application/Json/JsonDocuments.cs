using System.Text.Json;
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
    /// <exception cref="DomainValidationException">The bytes are not valid JSON.</exception>
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8Json, string sourceName)
    {
        try
        {
            return JsonDocument.Parse(utf8Json, s_options);
        }
        catch (JsonException ex)
        {
            throw Invalid(ex, sourceName);
        }
    }

    private static DomainValidationException Invalid(JsonException ex, string sourceName)
    {
        var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}" : "";
        return new DomainValidationException(sourceName, $"is not valid JSON{where}");
    }
}
