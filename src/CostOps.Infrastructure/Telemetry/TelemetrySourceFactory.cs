using Azure.Core;
using Azure.Core.Pipeline;
using CostOps.Application.Telemetry;
using CostOps.Infrastructure.AzureMonitor;
using CostOps.Infrastructure.Compute;
using CostOps.Infrastructure.CostManagement;
using CostOps.Infrastructure.Files;
using CostOps.Infrastructure.LlmProviders.Anthropic;
using CostOps.Infrastructure.LlmProviders.OpenAI;
using CostOps.Infrastructure.Pipeline;
using CostOps.Infrastructure.Prometheus;
using CostOps.Infrastructure.RetailPrices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.Telemetry;

/// <summary>
/// Builds the adapters of one validated <see cref="TelemetrySourceOptions"/>: each source type becomes the port(s) it offers.
/// Admin keys are read here, from the setting <see cref="TelemetrySourceOptions.ApiKeySetting"/> names, and go only into
/// the pipeline's header policy and the client's redaction list.
/// </summary>
internal sealed class TelemetrySourceFactory(
    IConfiguration configuration,
    TokenCredential credential,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory,
    ITelemetryTransportFactory transports,
    IGpuPriceCache priceCache)
{
    private static readonly Uri _arm = new("https://management.azure.com");
    private static readonly Uri _openAi = new("https://api.openai.com");
    private static readonly Uri _anthropic = new("https://api.anthropic.com");
    private static readonly Uri _retailPrices = new("https://prices.azure.com");
    private static readonly TimeSpan _defaultStep = TimeSpan.FromMinutes(1);
    private static readonly string[] _defaultCostResourceTypes = ["microsoft.compute/virtualmachines", "microsoft.compute/virtualmachinescalesets"];

    public IReadOnlyList<object> Create(TelemetrySourceOptions source, RetrySettings retry)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(retry);
        var name = source.Name!.Trim();
        var type = TelemetrySourceTypes.Canonical(source.Type)
            ?? throw new InvalidOperationException($"Source '{name}' has an unknown type; options validation should have stopped start-up.");
        var logger = loggerFactory.CreateLogger($"CostOps.Telemetry.{type}");
        var endpoint = string.IsNullOrWhiteSpace(source.Endpoint) ? null : new Uri(source.Endpoint);
        HttpPipeline Pipeline(TokenCredential? bearer = null, string? scope = null, params HttpPipelinePolicy[] headers) =>
            TelemetryPipeline.Build(new TelemetryPipelineSettings
            {
                SourceName = name,
                Retry = retry,
                Transport = transports.Create(name),
                Credential = bearer,
                Scope = scope,
                PerRetryPolicies = headers,
            }, timeProvider, logger);
        IMetricsReader Metrics() => new AzureMonitorMetricsClient(
            name,
            new AzureMonitorEndpoints { Arm = endpoint ?? _arm, BatchTemplate = source.BatchEndpoint ?? AzureMonitorEndpoints.DefaultBatchTemplate },
            Pipeline(credential, AzureMonitorMetricsClient.ArmScope),
            Pipeline(credential, AzureMonitorMetricsClient.BatchScope),
            logger);
        string ApiKey() => configuration[source.ApiKeySetting!]
            ?? throw new InvalidOperationException($"Source '{name}': its ApiKeySetting names no setting; options validation should have stopped start-up.");
        var step = source.Step ?? _defaultStep;

        switch (type)
        {
            case TelemetrySourceTypes.AzureMonitor:
                return [new AzureMonitorMetricsSource(name, Metrics(), source.Region, source.ResourceIds, logger)];
            case TelemetrySourceTypes.AzureOpenAI:
                return [new AzureOpenAiUsageSource(name, Metrics(), source.Region, source.ResourceIds, Enum.Parse<TokenMetricSet>(source.TokenMetrics ?? "auto", ignoreCase: true), logger)];
            case TelemetrySourceTypes.OpenAI:
            {
                var key = ApiKey();
                var client = new OpenAiAdminClient(name, endpoint ?? _openAi, Pipeline(headers: OpenAiAdminClient.KeyPolicy(key)), key);
                return [new OpenAiUsageSource(name, client, logger), new OpenAiCostSource(client, logger)];
            }
            case TelemetrySourceTypes.Anthropic:
            {
                var key = ApiKey();
                var client = new AnthropicAdminClient(name, endpoint ?? _anthropic, Pipeline(headers: AnthropicAdminClient.HeaderPolicies(key)), key);
                return [new AnthropicUsageSource(client, logger), new AnthropicCostSource(client, logger)];
            }
            case TelemetrySourceTypes.Prometheus:
            {
                var managedIdentity = string.Equals(source.Authentication, "managedIdentity", StringComparison.OrdinalIgnoreCase);
                var method = string.Equals(source.Method, "GET", StringComparison.OrdinalIgnoreCase) ? PrometheusHttpMethod.Get : PrometheusHttpMethod.Post;
                var limits = new PrometheusQueryLimits(
                    source.MaxPointsPerSeries ?? PrometheusQueryLimits.DefaultMaxPointsPerSeries,
                    source.MaxSamplesPerQuery ?? PrometheusQueryLimits.DefaultMaxSamplesPerQuery,
                    source.MaxSeriesPerQuery ?? PrometheusQueryLimits.DefaultMaxSeriesPerQuery,
                    CombinesSelectors: true);
                var client = new PrometheusClient(name, endpoint!,
                    managedIdentity ? Pipeline(credential, PrometheusClient.ManagedPrometheusScope) : Pipeline(), method, logger, limits);
                return [new VllmUsageSource(name, client, step, logger), new DcgmUtilizationSource(name, client, step, logger)];
            }
            case TelemetrySourceTypes.CostManagement:
            {
                var naming = Enum.Parse<CostColumnNaming>(source.CostColumn ?? "Cost", ignoreCase: true);
                var client = new CostManagementClient(name, endpoint ?? _arm, source.Scope!, Pipeline(credential, CostManagementClient.Scope), naming,
                    source.ResourceTypes ?? [.. _defaultCostResourceTypes]);
                return [new CostManagementCostSource(client, logger)];
            }
            case TelemetrySourceTypes.RetailPrices:
            {
                var client = new RetailPricesClient(name, endpoint ?? _retailPrices, Pipeline(), source.CurrencyCode?.ToUpperInvariant());
                return [new RetailGpuPriceSource(client, priceCache, source.PriceCacheDuration ?? TimeSpan.FromDays(1), timeProvider, logger)];
            }
            case TelemetrySourceTypes.Arm:
            {
                return [new ArmFleetStateSource(name, endpoint ?? _arm, Pipeline(credential, AzureMonitorMetricsClient.ArmScope), Metrics(), source.Region, source.ResourceIds, timeProvider, logger)];
            }
            default:
                return Files(name, source, step, logger);
        }
    }

    private static IReadOnlyList<object> Files(string name, TelemetrySourceOptions source, TimeSpan step, ILogger logger)
    {
        var path = source.Path!;
        switch (TelemetryFileFormats.Canonical(source.Format))
        {
            case TelemetryFileFormats.FocusCost:
                return [new FocusCostFileSource(name, path, logger)];
            case TelemetryFileFormats.OpenAiUsage:
                return [new OpenAiUsageSource(name, new OpenAiUsageFileReader(name, path), logger)];
            case TelemetryFileFormats.PrometheusRange:
            {
                var reader = new PrometheusRangeFileReader(name, path, logger);
                return [new VllmUsageSource(name, reader, step, logger), new DcgmUtilizationSource(name, reader, step, logger)];
            }
            default:
            {
                var reader = new AzureMonitorMetricsFileReader(name, path);
                return [new AzureMonitorMetricsSource(name, reader, null, [], logger), new AzureOpenAiUsageSource(name, reader, null, [], TokenMetricSet.Auto, logger)];
            }
        }
    }
}
