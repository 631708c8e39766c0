using Azure.Core;
using Azure.Core.Pipeline;
using CostOps.Application.Telemetry;
using CostOps.Domain.Time;
using CostOps.Infrastructure.Telemetry;
using CostOps.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.Tests.Telemetry.Configuration;

public sealed class TelemetryRegistrationTests
{
    private readonly TelemetryHarness _harness = new();

    [Theory]
    [InlineData("aoai-eastus", typeof(IApiUsageSource))]
    [InlineData("monitor", typeof(IResourceMetricsSource))]
    [InlineData("openai", typeof(IApiUsageSource))]
    [InlineData("openai", typeof(IApiCostSource))]
    [InlineData("anthropic", typeof(IApiUsageSource))]
    [InlineData("anthropic", typeof(IApiCostSource))]
    [InlineData("prom", typeof(ISelfHostedUsageSource))]
    [InlineData("prom", typeof(IGpuUtilizationSource))]
    [InlineData("costs", typeof(IResourceCostSource))]
    [InlineData("prices", typeof(IGpuPriceSource))]
    [InlineData("fleet", typeof(IFleetStateSource))]
    [InlineData("demo-focus", typeof(IResourceCostSource))]
    [InlineData("demo-prometheus", typeof(ISelfHostedUsageSource))]
    [InlineData("DEMO-PROMETHEUS", typeof(IGpuUtilizationSource))]
    public void EverySourceType_IsOfferedAsItsPorts(string name, Type port)
    {
        using var provider = Services(ValidSourcesConfiguration.Build()).BuildServiceProvider();
        var catalog = provider.GetRequiredService<ITelemetrySourceCatalog>();

        var found = typeof(ITelemetrySourceCatalog).GetMethod(nameof(ITelemetrySourceCatalog.Get))!.MakeGenericMethod(port).Invoke(catalog, [name]);

        Assert.IsAssignableFrom(port, found);
        Assert.Equal(10, catalog.Names.Count);
    }

    [Fact]
    public void AskingForAPortASourceDoesNotOffer_OrAnUnknownName_SaysSo()
    {
        using var provider = Services(ValidSourcesConfiguration.Build()).BuildServiceProvider();
        var catalog = provider.GetRequiredService<ITelemetrySourceCatalog>();

        Assert.False(catalog.TryGet<IApiCostSource>("prom", out _));
        Assert.Equal("Telemetry source 'prom' does not offer IApiCostSource.", Assert.Throws<KeyNotFoundException>(() => catalog.Get<IApiCostSource>("prom")).Message);
        Assert.StartsWith("No telemetry source is named 'grafana' (configured: aoai-eastus, monitor, ", Assert.Throws<KeyNotFoundException>(() => catalog.Get<IApiUsageSource>("grafana")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConfiguredOpenAiSource_SendsTheKeyFromTheNamedSetting_AndNeverLogsIt()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(context => Interlocked.Increment(ref calls) == 1
            ? LoopbackReplies.Json(context, $$$"""{"error":{"message":"Incorrect API key provided: {{{ValidSourcesConfiguration.OpenAiKey}}}"}}""", 401)
            : LoopbackReplies.Json(context, Fixture.Text("OpenAI/usage-completions-page2.json")));
        var configuration = ValidSourcesConfiguration.Build(settings => settings["CostOps:Sources:2:Endpoint"] = server.BaseUri.ToString());
        var services = Services(configuration);
        services.AddSingleton<ITelemetryTransportFactory>(new LoopbackTransports(server));
        using var provider = services.BuildServiceProvider();
        var usage = provider.GetRequiredService<ITelemetrySourceCatalog>().Get<IApiUsageSource>("openai");
        var days = DayRange.OneDay(new DateOnly(2025, 1, 2));

        var error = await Assert.ThrowsAsync<TelemetrySourceException>(() => usage.GetDailyUsageAsync(ApiTelemetryQuery.For(days)));
        var result = await usage.GetDailyUsageAsync(ApiTelemetryQuery.For(days));

        Assert.All(server.Requests, r => Assert.Equal($"Bearer {ValidSourcesConfiguration.OpenAiKey}", r.Header("Authorization")));
        Assert.DoesNotContain(ValidSourcesConfiguration.OpenAiKey, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(1_000, Assert.Single(result.Facts, f => f.Selector.Scope == "proj_abc123").InputTokens);
        Assert.NotEmpty(_harness.Logs.Collector.GetSnapshot());
        Assert.All(_harness.Logs.Collector.GetSnapshot(), e => Assert.DoesNotContain(ValidSourcesConfiguration.OpenAiKey, e.AllText(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task AConfiguredFilesSource_ServesTheDemoExports()
    {
        using var provider = Services(ValidSourcesConfiguration.Build()).BuildServiceProvider();
        var usage = provider.GetRequiredService<ITelemetrySourceCatalog>().Get<ISelfHostedUsageSource>("demo-prometheus");

        var fact = Assert.Single((await usage.GetDailyUsageAsync(new SelfHostedQuery(DayRange.OneDay(new DateOnly(2025, 1, 1)), "model_name=\"llama-ft\""))).Facts);

        Assert.Equal(1_200, fact.OutputTokens);
        Assert.True(fact.Completeness.IsComplete);
    }

    private ServiceCollection Services(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(_harness.Logs));
        services.AddSingleton<TokenCredential>(_harness.Credential);
        services.AddSingleton<TimeProvider>(_harness.Time);
        services.AddCostOpsTelemetry(configuration);
        return services;
    }

    private sealed class LoopbackTransports(LoopbackServer server) : ITelemetryTransportFactory
    {
        public HttpPipelineTransport Create(string sourceName) => server.CreateTransport();
    }
}
