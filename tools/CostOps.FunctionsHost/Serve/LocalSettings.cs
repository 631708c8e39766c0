using System.Text.Json;

namespace CostOps.FunctionsHost.Serve;

/// <summary>local.settings.json as Core Tools reads it: Values become the worker's environment; Host.LocalHttpPort is the default port.</summary>
internal sealed record LocalSettings(IReadOnlyDictionary<string, string> Values, int? LocalHttpPort)
{
    public static LocalSettings Empty { get; } = new(new Dictionary<string, string>(), null);

    public static LocalSettings Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"settings file '{path}' does not exist.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"settings file '{path}' is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"settings file '{path}' must hold a JSON object with a 'Values' object.");
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty(nameof(Values), out var valuesElement))
            {
                if (valuesElement.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidDataException($"settings file '{path}': 'Values' must be an object of strings.");
                }

                foreach (var value in valuesElement.EnumerateObject())
                {
                    values[value.Name] = value.Value.ValueKind == JsonValueKind.String
                        ? value.Value.GetString()!
                        : throw new InvalidDataException($"settings file '{path}': 'Values.{value.Name}' must be a string (app settings are strings).");
                }
            }

            int? port = null;
            if (root.TryGetProperty("Host", out var host) && host.ValueKind == JsonValueKind.Object && host.TryGetProperty(nameof(LocalHttpPort), out var portElement))
            {
                port = portElement.ValueKind == JsonValueKind.Number && portElement.TryGetInt32(out var number) && number is > 0 and <= 65535
                    ? number
                    : throw new InvalidDataException($"settings file '{path}': 'Host.LocalHttpPort' must be a port number.");
            }

            return new LocalSettings(values, port);
        }
    }
}
