using System.Text.Json;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace CostOps.FunctionsHost.Rpc;

/// <summary>
/// Turns the worker's raw_bindings JSON into the BindingInfo map the host sends back in
/// FunctionLoadRequest (the worker needs it: an HTTP function without it gets a null request).
/// </summary>
internal static class FunctionMetadataBindings
{
    public static IReadOnlyList<FunctionBinding> Parse(RpcFunctionMetadata metadata)
    {
        var bindings = new List<FunctionBinding>(metadata.RawBindings.Count);
        foreach (var raw in metadata.RawBindings)
        {
            using var json = JsonDocument.Parse(raw);
            var root = json.RootElement;
            var name = Text(root, "name") ?? throw new InvalidDataException($"A binding of function '{metadata.Name}' has no name: {raw}");
            var type = Text(root, "type") ?? throw new InvalidDataException($"Binding '{name}' of function '{metadata.Name}' has no type.");
            bindings.Add(new FunctionBinding(name, type, Text(root, "direction") ?? "In", raw));
        }

        return bindings;
    }

    public static void Fill(RpcFunctionMetadata metadata, IEnumerable<FunctionBinding> bindings)
    {
        metadata.Bindings.Clear();
        foreach (var binding in bindings)
        {
            using var json = JsonDocument.Parse(binding.RawJson);
            var info = new BindingInfo
            {
                Type = binding.Type,
                Direction = ToDirection(binding.Direction),
                DataType = ToDataType(Text(json.RootElement, "dataType")),
            };
            if (json.RootElement.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in properties.EnumerateObject())
                {
                    info.Properties[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }

            metadata.Bindings[binding.Name] = info;
        }
    }

    /// <summary>The binding's string property (route, schedule, queueName...), or null.</summary>
    public static string? Property(FunctionBinding binding, string name)
    {
        using var json = JsonDocument.Parse(binding.RawJson);
        return Text(json.RootElement, name);
    }

    /// <summary>The binding's string-array property (methods), or null when absent.</summary>
    public static IReadOnlyList<string>? ArrayProperty(FunctionBinding binding, string name)
    {
        using var json = JsonDocument.Parse(binding.RawJson);
        if (!TryGetCaseInsensitive(json.RootElement, name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList();
    }

    private static BindingInfo.Types.Direction ToDirection(string direction) => direction.ToUpperInvariant() switch
    {
        "OUT" => BindingInfo.Types.Direction.Out,
        "INOUT" => BindingInfo.Types.Direction.Inout,
        _ => BindingInfo.Types.Direction.In,
    };

    private static BindingInfo.Types.DataType ToDataType(string? dataType) => dataType?.ToUpperInvariant() switch
    {
        "STRING" => BindingInfo.Types.DataType.String,
        "BINARY" => BindingInfo.Types.DataType.Binary,
        "STREAM" => BindingInfo.Types.DataType.Stream,
        _ => BindingInfo.Types.DataType.Undefined,
    };

    private static string? Text(JsonElement element, string name) =>
        TryGetCaseInsensitive(element, name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // The SDK writes camelCase names; hand-written function.json files vary in case, and the host does not care.
    private static bool TryGetCaseInsensitive(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
