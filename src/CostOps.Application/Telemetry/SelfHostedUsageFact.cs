namespace CostOps.Application.Telemetry;

/// <summary>
/// Traffic served by a self-hosted model (vLLM counters) on one UTC day.
/// Counter resets (restarts) are handled: the day's increase sums the positive deltas and counts a drop as a restart from zero.
/// </summary>
/// <param name="LabelSelector">The selector the fact was read with.</param>
/// <param name="Day">The UTC day.</param>
/// <param name="InputTokens">Prompt tokens processed; null when no samples arrived.</param>
/// <param name="OutputTokens">Generated tokens; null when no samples arrived.</param>
/// <param name="Requests">Successfully finished requests; null when no samples arrived.</param>
/// <param name="AverageTokensPerSecond">(input + output) tokens / observed seconds.</param>
/// <param name="P95TokensPerSecond">95th percentile of the per-step (input + output) token rate.</param>
/// <param name="Completeness">Samples present / (day / step) for each of the three counters.</param>
public sealed record SelfHostedUsageFact(
    string LabelSelector,
    DateOnly Day,
    long? InputTokens,
    long? OutputTokens,
    long? Requests,
    double? AverageTokensPerSecond,
    double? P95TokensPerSecond,
    Completeness Completeness);
