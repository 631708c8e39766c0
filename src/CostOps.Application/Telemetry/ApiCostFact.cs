namespace CostOps.Application.Telemetry;

/// <summary>
/// What a paid LLM API billed on one UTC day for one scope, from the provider's cost report.
/// </summary>
/// <param name="Provider">One of <see cref="ApiProviders"/>.</param>
/// <param name="Scope">OpenAI: the project id; Anthropic: the workspace id; null when not attributed.</param>
/// <param name="Day">The UTC day.</param>
/// <param name="AmountUsd">The cost in USD (summed over line items); null when the day's data is missing.
/// (A <c>decimal</c> for now; it becomes the domain's money type when that lands.)</param>
/// <param name="Completeness">Whether the day's cost bucket arrived.</param>
public sealed record ApiCostFact(string Provider, string? Scope, DateOnly Day, decimal? AmountUsd, Completeness Completeness);
