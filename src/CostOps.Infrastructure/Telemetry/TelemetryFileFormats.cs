namespace CostOps.Infrastructure.Telemetry;

/// <summary>The values of <c>CostOps:Sources:{n}:Format</c> for <c>files</c> sources.</summary>
public static class TelemetryFileFormats
{
    /// <summary>FOCUS 1.x cost export CSV (a file or a folder of them).</summary>
    public const string FocusCost = "focusCost";

    /// <summary>OpenAI <c>/v1/organization/usage/completions</c> pages (a file or a folder of them).</summary>
    public const string OpenAiUsage = "openAiUsage";

    /// <summary>Prometheus <c>query_range</c> answers, one file per metric in a folder.</summary>
    public const string PrometheusRange = "prometheusRange";

    /// <summary>ARM metrics answers (a file or a folder of them).</summary>
    public const string AzureMonitorMetrics = "azureMonitorMetrics";

    public static IReadOnlyList<string> All { get; } = [FocusCost, OpenAiUsage, PrometheusRange, AzureMonitorMetrics];

    public static string? Canonical(string? format) => All.FirstOrDefault(f => string.Equals(f, format?.Trim(), StringComparison.OrdinalIgnoreCase));
}
