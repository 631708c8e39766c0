namespace CostOps.Application.Telemetry;

/// <summary>Provider names used in <see cref="ApiUsageSelector.Provider"/> and <see cref="ApiCostFact.Provider"/>.</summary>
public static class ApiProviders
{
    /// <summary>Azure OpenAI / Azure AI Foundry (token metrics from Azure Monitor).</summary>
    public const string AzureOpenAI = "azure-openai";

    /// <summary>OpenAI (organization admin API).</summary>
    public const string OpenAI = "openai";

    /// <summary>Anthropic (organization admin API).</summary>
    public const string Anthropic = "anthropic";
}
