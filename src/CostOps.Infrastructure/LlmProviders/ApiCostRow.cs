namespace CostOps.Infrastructure.LlmProviders;

/// <summary>One cost result of a provider's daily bucket, in USD.</summary>
internal sealed record ApiCostRow(DateOnly Day, string? Scope, decimal AmountUsd);
