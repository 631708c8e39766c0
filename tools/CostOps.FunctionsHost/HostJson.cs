using System.Text.Json;

namespace CostOps.FunctionsHost;

/// <summary>Reads the host.json settings the emulator honours: extensions.http.routePrefix and extensions.queues.maxDequeueCount.</summary>
internal static class HostJson
{
    /// <summary>The host's default number of deliveries before a queue message is poisoned.</summary>
    public const int DefaultMaxDequeueCount = 5;

    /// <summary>extensions.queues.maxDequeueCount, or the host's default (5) when the file or the setting is absent.</summary>
    public static int ReadMaxDequeueCount(string path)
    {
        if (!File.Exists(path))
        {
            return DefaultMaxDequeueCount;
        }
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object
            && extensions.TryGetProperty("queues", out var queues) && queues.ValueKind == JsonValueKind.Object
            && queues.TryGetProperty("maxDequeueCount", out var count))
        {
            return count.ValueKind == JsonValueKind.Number && count.TryGetInt32(out var n) && n >= 1
                ? n
                : throw new InvalidDataException($"host.json '{path}': extensions.queues.maxDequeueCount must be a whole number of at least 1.");
        }
        return DefaultMaxDequeueCount;
    }

    /// <summary>The route prefix host.json states, or null when the file or the setting is absent.</summary>
    public static string? ReadRoutePrefix(string path, bool required)
    {
        if (!File.Exists(path))
        {
            return required ? throw new FileNotFoundException($"host.json '{path}' does not exist.", path) : null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"host.json '{path}' is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object
                && extensions.TryGetProperty("http", out var http) && http.ValueKind == JsonValueKind.Object
                && http.TryGetProperty("routePrefix", out var prefix))
            {
                return prefix.ValueKind == JsonValueKind.String
                    ? prefix.GetString()!.Trim('/')
                    : throw new InvalidDataException($"host.json '{path}': extensions.http.routePrefix must be a string.");
            }

            return null;
        }
    }
}
