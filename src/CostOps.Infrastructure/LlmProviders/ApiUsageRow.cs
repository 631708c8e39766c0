namespace CostOps.Infrastructure.LlmProviders;

/// <summary>One usage result of a provider's daily bucket, normalised across providers.</summary>
internal sealed record ApiUsageRow(DateOnly Day, string? Scope, string? Model, long InputTokens, long OutputTokens, long? CachedInputTokens, long? Requests);
