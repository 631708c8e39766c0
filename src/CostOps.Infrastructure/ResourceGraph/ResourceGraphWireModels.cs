using System.Text.Json;
using System.Text.Json.Serialization;

namespace CostOps.Infrastructure.ResourceGraph;

// Resource Graph "Resources" query (api-version 2022-10-01): the QueryRequest we send and the QueryResponse we read.

internal sealed class GraphQueryBody
{
    public required List<string> Subscriptions { get; init; }

    public required string Query { get; init; }

    public required GraphQueryOptionsBody Options { get; init; }
}

internal sealed class GraphQueryOptionsBody
{
    [JsonPropertyName("$top")]
    public required int Top { get; init; }

    [JsonPropertyName("$skipToken")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SkipToken { get; init; }

    public required string ResultFormat { get; init; }
}

internal sealed class GraphQueryResultBody
{
    public long? TotalRecords { get; init; }

    public long? Count { get; init; }

    public List<GraphRowBody>? Data { get; init; }

    /// <summary>"true" / "false" as the service sends it (a string enum); a JSON boolean is read too.</summary>
    public JsonElement ResultTruncated { get; init; }

    [JsonPropertyName("$skipToken")]
    public string? SkipToken { get; init; }
}

internal sealed class GraphRowBody
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Type { get; init; }

    public string? Location { get; init; }

    /// <summary>Null when the resource has no tags (ARG projects a JSON null).</summary>
    public Dictionary<string, string?>? Tags { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(GraphQueryBody))]
[JsonSerializable(typeof(GraphQueryResultBody))]
internal sealed partial class ResourceGraphJsonContext : JsonSerializerContext;
