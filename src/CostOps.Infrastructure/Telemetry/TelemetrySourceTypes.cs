namespace CostOps.Infrastructure.Telemetry;

/// <summary>The values of <c>CostOps:Sources:{n}:Type</c> (matched case-insensitively).</summary>
public static class TelemetrySourceTypes
{
    public const string AzureMonitor = "azureMonitor";
    public const string AzureOpenAI = "azureOpenAI";
    public const string OpenAI = "openai";
    public const string Anthropic = "anthropic";
    public const string Prometheus = "prometheus";
    public const string CostManagement = "costManagement";
    public const string RetailPrices = "retailPrices";
    public const string Arm = "arm";
    public const string Files = "files";

    public static IReadOnlyList<string> All { get; } = [AzureMonitor, AzureOpenAI, OpenAI, Anthropic, Prometheus, CostManagement, RetailPrices, Arm, Files];

    /// <summary>The canonical spelling of <paramref name="type"/>, or null when it is not a known type.</summary>
    public static string? Canonical(string? type) => All.FirstOrDefault(t => string.Equals(t, type?.Trim(), StringComparison.OrdinalIgnoreCase));
}
