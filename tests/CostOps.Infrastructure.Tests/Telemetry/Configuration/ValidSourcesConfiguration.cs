using Microsoft.Extensions.Configuration;

namespace CostOps.Infrastructure.Tests.Telemetry.Configuration;

/// <summary>A valid baseline with one source of every type; tests change one key at a time.</summary>
internal static class ValidSourcesConfiguration
{
    public const string Subscription = "11111111-2222-3333-4444-555555555555";
    public const string OpenAiKey = "sk-admin-TESTSECRET-config-openai";
    public const string AnthropicKey = "sk-ant-admin01-TESTSECRET-config-anthropic";

    public static Dictionary<string, string?> Settings() => new()
    {
        ["CostOps:Sources:0:Name"] = "aoai-eastus",
        ["CostOps:Sources:0:Type"] = "azureOpenAI",
        ["CostOps:Sources:0:Region"] = "eastus",
        ["CostOps:Sources:0:ResourceIds:0"] = $"/subscriptions/{Subscription}/resourceGroups/ai-rg/providers/Microsoft.CognitiveServices/accounts/aoai-a",
        ["CostOps:Sources:0:ResourceIds:1"] = $"/subscriptions/{Subscription}/resourceGroups/ai-rg/providers/Microsoft.CognitiveServices/accounts/aoai-b",
        ["CostOps:Sources:0:TokenMetrics"] = "classic",
        ["CostOps:Sources:1:Name"] = "monitor",
        ["CostOps:Sources:1:Type"] = "azureMonitor",
        ["CostOps:Sources:2:Name"] = "openai",
        ["CostOps:Sources:2:Type"] = "openai",
        ["CostOps:Sources:2:ApiKeySetting"] = "OpenAiAdminKey",
        ["CostOps:Sources:3:Name"] = "anthropic",
        ["CostOps:Sources:3:Type"] = "anthropic",
        ["CostOps:Sources:3:ApiKeySetting"] = "AnthropicAdminKey",
        ["CostOps:Sources:4:Name"] = "prom",
        ["CostOps:Sources:4:Type"] = "prometheus",
        ["CostOps:Sources:4:Endpoint"] = "https://myamw-abcd.eastus.prometheus.monitor.azure.com",
        ["CostOps:Sources:4:Authentication"] = "managedIdentity",
        ["CostOps:Sources:4:Step"] = "00:01:00",
        ["CostOps:Sources:5:Name"] = "costs",
        ["CostOps:Sources:5:Type"] = "costManagement",
        ["CostOps:Sources:5:Scope"] = $"/subscriptions/{Subscription}",
        ["CostOps:Sources:6:Name"] = "prices",
        ["CostOps:Sources:6:Type"] = "retailPrices",
        ["CostOps:Sources:7:Name"] = "fleet",
        ["CostOps:Sources:7:Type"] = "arm",
        ["CostOps:Sources:7:Region"] = "eastus",
        ["CostOps:Sources:7:ResourceIds:0"] = $"/subscriptions/{Subscription}/resourceGroups/gpu-rg/providers/Microsoft.Compute/virtualMachines/gpu-vm-01",
        ["CostOps:Sources:7:ResourceIds:1"] = $"/subscriptions/{Subscription}/resourceGroups/gpu-rg/providers/Microsoft.Compute/virtualMachineScaleSets/gpu-vmss",
        ["CostOps:Sources:8:Name"] = "demo-focus",
        ["CostOps:Sources:8:Type"] = "files",
        ["CostOps:Sources:8:Format"] = "focusCost",
        ["CostOps:Sources:8:Path"] = Fixture.PathOf("Files/focus/microsoft-focus-1.0.csv"),
        ["CostOps:Sources:9:Name"] = "demo-prometheus",
        ["CostOps:Sources:9:Type"] = "files",
        ["CostOps:Sources:9:Format"] = "prometheusRange",
        ["CostOps:Sources:9:Path"] = Fixture.PathOf("Files/prometheus"),
        ["CostOps:Sources:9:Step"] = "01:00:00",
        ["CostOps:Telemetry:Retry:MaxRetries"] = "3",
        ["OpenAiAdminKey"] = OpenAiKey,
        ["AnthropicAdminKey"] = AnthropicKey,
    };

    public static IConfiguration Build(Action<Dictionary<string, string?>>? change = null)
    {
        var settings = Settings();
        change?.Invoke(settings);
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }
}
