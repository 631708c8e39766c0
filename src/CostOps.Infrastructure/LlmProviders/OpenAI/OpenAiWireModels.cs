using System.Text.Json.Serialization;

namespace CostOps.Infrastructure.LlmProviders.OpenAI;

// The organization usage and costs pages (platform.openai.com/docs/api-reference/usage), snake_case.

internal sealed class OpenAiPageBody<TResult>
{
    public List<OpenAiBucketBody<TResult>>? Data { get; init; }

    public bool HasMore { get; init; }

    public string? NextPage { get; init; }
}

internal sealed class OpenAiBucketBody<TResult>
{
    public long? StartTime { get; init; }

    public long? EndTime { get; init; }

    public List<TResult>? Results { get; init; }
}

internal sealed class OpenAiUsageResultBody
{
    public long? InputTokens { get; init; }

    public long? OutputTokens { get; init; }

    public long? InputCachedTokens { get; init; }

    public long? NumModelRequests { get; init; }

    public string? ProjectId { get; init; }

    public string? Model { get; init; }

    // The other group_by dimensions: read only to tell rows of a finer-grouped export apart (they are summed per
    // project and model, never taken for duplicates of each other).
    public string? UserId { get; init; }

    public string? ApiKeyId { get; init; }

    public bool? Batch { get; init; }

    public string? ServiceTier { get; init; }
}

internal sealed class OpenAiCostResultBody
{
    public OpenAiAmountBody? Amount { get; init; }

    public string? LineItem { get; init; }

    public string? ProjectId { get; init; }
}

internal sealed class OpenAiAmountBody
{
    public decimal? Value { get; init; }

    public string? Currency { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(OpenAiPageBody<OpenAiUsageResultBody>))]
[JsonSerializable(typeof(OpenAiPageBody<OpenAiCostResultBody>))]
internal sealed partial class OpenAiJsonContext : JsonSerializerContext;
