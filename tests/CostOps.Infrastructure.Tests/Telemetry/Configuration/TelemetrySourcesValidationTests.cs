using CostOps.Infrastructure.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CostOps.Infrastructure.Tests.Telemetry.Configuration;

public sealed class TelemetrySourcesValidationTests
{
    private static readonly string Sub = ValidSourcesConfiguration.Subscription;

    [Fact]
    public void TheBaseline_IsValid()
    {
        var result = Validate(ValidSourcesConfiguration.Build());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    public static TheoryData<string, string?, string> OneBadKey() => new()
    {
        { "CostOps:Sources:4:Type", "promethus", "CostOps:Sources:4:Type 'promethus' is not a known source type (azureMonitor, azureOpenAI, openai, anthropic, prometheus, costManagement, retailPrices, arm, files)." },
        { "CostOps:Sources:4:Type", null, "CostOps:Sources:4:Type is required" },
        { "CostOps:Sources:4:Endpoint", null, "CostOps:Sources:4:Endpoint is required for type 'prometheus'." },
        { "CostOps:Sources:4:Endpoint", "http://prometheus:9090", "CostOps:Sources:4:Endpoint must use https with Authentication 'managedIdentity'" },
        { "CostOps:Sources:4:Endpoint", "not a uri", "CostOps:Sources:4:Endpoint 'not a uri' is not an absolute http(s) URI." },
        { "CostOps:Sources:4:Step", "00:00:07", "CostOps:Sources:4:Step '00:00:07' must be whole seconds that divide a day" },
        { "CostOps:Sources:4:Method", "PUT", "CostOps:Sources:4:Method 'PUT' must be one of POST, GET." },
        { "CostOps:Sources:4:Authentication", "apiKey", "CostOps:Sources:4:Authentication 'apiKey' must be one of none, managedIdentity." },
        { "CostOps:Sources:4:MaxPointsPerSeries", "1000", "CostOps:Sources:4:MaxPointsPerSeries (1000) must cover one day at the step 00:01:00 (1441 points)." },
        { "CostOps:Sources:4:MaxSamplesPerQuery", "0", "CostOps:Sources:4:MaxSamplesPerQuery must be positive (was 0)." },
        { "CostOps:Sources:4:MaxSeriesPerQuery", "-5", "CostOps:Sources:4:MaxSeriesPerQuery must be positive (was -5)." },
        { "CostOps:Sources:9:MaxSamplesPerQuery", "1000", "CostOps:Sources:9:MaxSamplesPerQuery does not apply to type 'files'." },
        { "CostOps:Sources:0:ResourceIds:1", $"/subscriptions/{Sub}/resourceGroups/ai-rg/providers/accounts/aoai-b", "CostOps:Sources:0:ResourceIds:1 '/subscriptions/" },
        { "CostOps:Sources:0:ResourceIds:1", "/subscriptions/not-a-guid/resourceGroups/ai-rg/providers/Microsoft.CognitiveServices/accounts/aoai-b", "CostOps:Sources:0:ResourceIds:1 '/subscriptions/not-a-guid/resourceGroups/ai-rg/providers/Microsoft.CognitiveServices/accounts/aoai-b' is not a valid ARM resource id" },
        { "CostOps:Sources:0:ResourceIds:0", $"/subscriptions/{Sub}/resourceGroups/gpu-rg/providers/Microsoft.Compute/virtualMachines/gpu-vm-01", "CostOps:Sources:0:ResourceIds:0 is a 'Microsoft.Compute/virtualMachines'; type 'azureOpenAI' reads Microsoft.CognitiveServices/accounts." },
        { "CostOps:Sources:7:ResourceIds:1", $"/subscriptions/{Sub}/resourceGroups/gpu-rg/providers/Microsoft.Storage/storageAccounts/logs", "CostOps:Sources:7:ResourceIds:1 is a 'Microsoft.Storage/storageAccounts'" },
        { "CostOps:Sources:0:Region", "East US", "CostOps:Sources:0:Region 'East US' is not an Azure region name" },
        { "CostOps:Sources:0:TokenMetrics", "both", "CostOps:Sources:0:TokenMetrics 'both' must be one of auto, classic, foundry." },
        { "CostOps:Sources:0:BatchEndpoint", "http://{region}.metrics.example", "CostOps:Sources:0:BatchEndpoint 'http://eastus.metrics.example' must use https." },
        { "CostOps:Sources:5:Scope", null, "CostOps:Sources:5:Scope is required for type 'costManagement'" },
        { "CostOps:Sources:5:Scope", $"subscriptions/{Sub}", $"CostOps:Sources:5:Scope 'subscriptions/{Sub}' is not a Cost Management scope" },
        { "CostOps:Sources:5:CostColumn", "UnitPrice", "CostOps:Sources:5:CostColumn 'UnitPrice' must be one of Cost, PreTaxCost." },
        { "CostOps:Sources:2:ApiKeySetting", null, "CostOps:Sources:2:ApiKeySetting is required for type 'openai'" },
        { "CostOps:Sources:3:ApiKeySetting", "AnthropicKeyTypo", "CostOps:Sources:3:ApiKeySetting names a setting that is missing or empty" },
        { "CostOps:Sources:2:Name", "anthropic", "CostOps:Sources:3:Name 'anthropic' is already used by CostOps:Sources:2; source names must be unique." },
        { "CostOps:Sources:6:Name", " ", "CostOps:Sources:6:Name is required." },
        { "CostOps:Sources:6:CurrencyCode", "EURO", "CostOps:Sources:6:CurrencyCode 'EURO' is not a three-letter ISO currency code." },
        { "CostOps:Sources:6:Path", "/tmp", "CostOps:Sources:6:Path does not apply to type 'retailPrices'." },
        { "CostOps:Sources:2:Scope", $"/subscriptions/{Sub}", "CostOps:Sources:2:Scope does not apply to type 'openai'." },
        { "CostOps:Sources:8:Format", "xlsx", "CostOps:Sources:8:Format 'xlsx' is not a known file format (focusCost, openAiUsage, prometheusRange, azureMonitorMetrics)." },
        { "CostOps:Sources:8:Path", "/no/such/export.csv", "CostOps:Sources:8:Path '/no/such/export.csv' does not exist." },
        { "CostOps:Sources:9:Path", null, "CostOps:Sources:9:Path is required for type 'files'." },
        { "CostOps:Telemetry:Retry:MaxRetries", "-1", "CostOps:Telemetry:Retry:MaxRetries must be between 0 and 10 (was -1)." },
        { "CostOps:Telemetry:Retry:MaxDelay", "00:00:00.1", "CostOps:Telemetry:Retry:MaxDelay must not be shorter than InitialDelay." },
    };

    [Theory]
    [MemberData(nameof(OneBadKey))]
    public void OneBadKey_FailsValidation_WithAMessageNamingIt(string key, string? value, string expected)
    {
        var result = Validate(ValidSourcesConfiguration.Build(settings => settings[key] = value));

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProblem_IsReported_NotJustTheFirst()
    {
        var result = Validate(ValidSourcesConfiguration.Build(settings =>
        {
            settings["CostOps:Sources:1:Type"] = "graphite";
            settings["CostOps:Sources:4:Endpoint"] = null;
            settings["CostOps:Sources:7:ResourceIds:0"] = "gpu-vm-01";
        }));

        Assert.Equal(3, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("CostOps:Sources:1:Type 'graphite'", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("CostOps:Sources:4:Endpoint is required", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("CostOps:Sources:7:ResourceIds:0 'gpu-vm-01'", StringComparison.Ordinal));
    }

    [Fact]
    public void AKeyPastedWhereItsSettingNameBelongs_IsNotEchoed()
    {
        var result = Validate(ValidSourcesConfiguration.Build(settings => settings["CostOps:Sources:2:ApiKeySetting"] = ValidSourcesConfiguration.OpenAiKey));

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("CostOps:Sources:2:ApiKeySetting names a setting that is missing or empty", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(ValidSourcesConfiguration.OpenAiKey, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void AtStartUp_BadConfigurationStopsTheHost_WithEveryMessage()
    {
        var configuration = ValidSourcesConfiguration.Build(settings =>
        {
            settings["CostOps:Sources:4:Type"] = "promethus";
            settings["CostOps:Sources:5:Scope"] = "everything";
        });
        using var provider = new ServiceCollection().AddCostOpsTelemetry(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.StartsWith("CostOps:Sources:4:Type 'promethus'", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("CostOps:Sources:5:Scope 'everything'", StringComparison.Ordinal));
    }

    private static ValidateOptionsResult Validate(IConfiguration configuration)
    {
        var options = new TelemetrySourcesOptions();
        configuration.GetSection(TelemetrySourcesOptions.SectionName).Bind(options);
        return new TelemetrySourcesOptionsValidator(configuration).Validate(Options.DefaultName, options);
    }
}
