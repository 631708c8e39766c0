using System.Text.Json.Serialization;

namespace CostOps.Infrastructure.LlmProviders.Anthropic;

// The Admin API usage report (messages) and cost report pages, snake_case.

internal sealed class AnthropicPageBody<TResult>
{
    public List<AnthropicBucketBody<TResult>>? Data { get; init; }

    public bool HasMore { get; init; }

    public string? NextPage { get; init; }
}

internal sealed class AnthropicBucketBody<TResult>
{
    public DateTimeOffset? StartingAt { get; init; }

    public DateTimeOffset? EndingAt { get; init; }

    public List<TResult>? Results { get; init; }
}

internal sealed class AnthropicUsageResultBody
{
    public long? UncachedInputTokens { get; init; }

    public AnthropicCacheCreationBody? CacheCreation { get; init; }

    public long? CacheReadInputTokens { get; init; }

    public long? OutputTokens { get; init; }

    public string? WorkspaceId { get; init; }

    public string? Model { get; init; }
}

internal sealed class AnthropicCacheCreationBody
{
    [JsonPropertyName("ephemeral_1h_input_tokens")]
    public long? Ephemeral1hInputTokens { get; init; }

    [JsonPropertyName("ephemeral_5m_input_tokens")]
    public long? Ephemeral5mInputTokens { get; init; }
}

internal sealed class AnthropicCostResultBody
{
    public string? Currency { get; init; }

    // A decimal string in the currency's lowest unit (cents for USD).
    public string? Amount { get; init; }

    public string? WorkspaceId { get; init; }

    public string? Description { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(AnthropicPageBody<AnthropicUsageResultBody>))]
[JsonSerializable(typeof(AnthropicPageBody<AnthropicCostResultBody>))]
internal sealed partial class AnthropicJsonContext : JsonSerializerContext;
