namespace CostOps.Infrastructure.AzureMonitor;

/// <summary>Which Azure OpenAI / Foundry token metrics to read (configuration key <c>TokenMetrics</c>).</summary>
public enum TokenMetricSet
{
    /// <summary>
    /// Read both; per deployment, use <c>InputTokens</c>/<c>OutputTokens</c> when they have data in the window,
    /// else <c>ProcessedPromptTokens</c>/<c>GeneratedTokens</c> (never both: they count the same traffic).
    /// </summary>
    Auto = 0,

    /// <summary>Classic Azure OpenAI accounts: <c>ProcessedPromptTokens</c> + <c>GeneratedTokens</c>.</summary>
    Classic,

    /// <summary>Foundry resources: <c>InputTokens</c> + <c>OutputTokens</c>.</summary>
    Foundry,
}
