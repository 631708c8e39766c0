namespace CostOps.Application.Telemetry;

/// <summary>
/// Tokens and requests sent to a paid LLM API on one UTC day, for one selector.
/// A null figure means the data was missing (or, for <see cref="Requests"/>, that the provider does not report it);
/// it is never a stand-in for zero.
/// </summary>
/// <param name="Selector">Who used the API (account + deployment, project + model, workspace + model).</param>
/// <param name="Day">The UTC day.</param>
/// <param name="InputTokens">Input (prompt) tokens, cached ones included.</param>
/// <param name="OutputTokens">Output (generated) tokens.</param>
/// <param name="CachedInputTokens">The part of <paramref name="InputTokens"/> served from a prompt cache, when the provider reports it.</param>
/// <param name="Requests">Model requests, when the provider reports them.</param>
/// <param name="Completeness">How much of the expected telemetry arrived.</param>
public sealed record ApiUsageFact(
    ApiUsageSelector Selector,
    DateOnly Day,
    long? InputTokens,
    long? OutputTokens,
    long? CachedInputTokens,
    long? Requests,
    Completeness Completeness);
