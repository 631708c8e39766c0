using System.Text.Json;

namespace CostOps.FunctionsHost;

/// <summary>Reads the one host.json setting the emulator honours: extensions.http.routePrefix.</summary>
internal static class HostJson
{
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
