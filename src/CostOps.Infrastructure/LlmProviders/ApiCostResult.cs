namespace CostOps.Infrastructure.LlmProviders;

/// <summary>
/// One cost result of a provider's daily bucket as the provider reported it: <see cref="Amount"/> is in dollars when
/// <see cref="Currency"/> is USD (null means USD); a result in another currency is not summed.
/// </summary>
internal sealed record ApiCostResult(string? Scope, decimal Amount, string? Currency);
