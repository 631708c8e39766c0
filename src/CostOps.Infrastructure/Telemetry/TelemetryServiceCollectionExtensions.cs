using Azure.Core;
using CostOps.Application.Telemetry;
using CostOps.Infrastructure.RetailPrices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostOps.Infrastructure.Telemetry;

/// <summary>Registers every telemetry adapter behind <see cref="ITelemetrySourceCatalog"/>.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>CostOps:Sources</c> and <c>CostOps:Telemetry</c>, validates them at start-up (every problem, with its
    /// key), and registers the source catalog. The sources sign in with the registered <see cref="TokenCredential"/>
    /// (<c>AddCostOps</c> registers the telemetry purpose's of <see cref="Identity.AzureCredentials"/>). <see cref="TimeProvider"/>,
    /// <see cref="IGpuPriceCache"/> and <see cref="ITelemetryTransportFactory"/> are only added when not registered
    /// already, so hosts and tests can supply their own.
    /// </summary>
    public static IServiceCollection AddCostOpsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<TelemetrySourcesOptions>()
            .Bind(configuration.GetSection(TelemetrySourcesOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetrySourcesOptions>>(new TelemetrySourcesOptionsValidator(configuration)));

        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UpstreamCallCounter>();
        services.AddTransient<UpstreamCallCountingHandler>();
        // No HttpClient logging on this client: at Trace its header records carry the admin keys (x-api-key, Authorization)
        // in their structured state, redacted only in the message text (found by the secrets scan). The adapters log their
        // own calls, without keys.
        services.AddHttpClient(HttpClientTransportFactory.HttpClientName).AddHttpMessageHandler<UpstreamCallCountingHandler>().RemoveAllLoggers();
        services.TryAddSingleton<ITelemetryTransportFactory, HttpClientTransportFactory>();
        services.TryAddSingleton<IGpuPriceCache, InMemoryGpuPriceCache>();
        services.TryAddSingleton(provider => new TelemetrySourceFactory(
            configuration,
            provider.GetRequiredService<TokenCredential>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>(),
            provider.GetRequiredService<ITelemetryTransportFactory>(),
            provider.GetRequiredService<IGpuPriceCache>()));
        services.TryAddSingleton<ITelemetrySourceCatalog, TelemetrySourceCatalog>();
        return services;
    }
}
