using Azure.Core;
using CostOps.Application.Ports;
using CostOps.Infrastructure.Compute;
using CostOps.Infrastructure.Pipeline;
using CostOps.Infrastructure.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostOps.Infrastructure.ResourceGraph;

/// <summary>Registers Resource Graph as the autopilot's <see cref="IFleetResolver"/>.</summary>
public static class ResourceGraphServiceCollectionExtensions
{
    private const string SourceName = "resource-graph";
    private static readonly Uri s_publicArm = new("https://management.azure.com");

    /// <summary>
    /// Binds and validates <c>CostOps:Autopilot:ResourceGraph</c> and adds <see cref="ResourceGraphFleetResolver"/>
    /// (unless an <see cref="IFleetResolver"/> is registered already). It talks to the autopilot's ARM endpoint
    /// (<c>CostOps:Autopilot:Arm:Endpoint</c> / <c>Audience</c>, default the public cloud) with the telemetry
    /// credential, the telemetry retry settings and the telemetry transport (so its calls count as upstream calls).
    /// Needs what <c>AddCostOpsTelemetry</c> registers.
    /// </summary>
    public static IServiceCollection AddResourceGraphFleetResolver(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ResourceGraphOptions>().Bind(configuration.GetSection(ResourceGraphOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ResourceGraphOptions>, ResourceGraphOptionsValidator>());
        services.TryAddSingleton<IFleetResolver>(Create);
        return services;
    }

    private static ResourceGraphFleetResolver Create(IServiceProvider services)
    {
        var connection = services.GetRequiredService<IOptions<ArmConnectionOptions>>().Value;
        var endpoint = string.IsNullOrWhiteSpace(connection.Endpoint) ? s_publicArm : new Uri(connection.Endpoint);
        var audience = string.IsNullOrWhiteSpace(connection.Audience) ? endpoint.AbsoluteUri : connection.Audience;
        var retry = services.GetRequiredService<IOptions<TelemetrySourcesOptions>>().Value.Telemetry.Retry;
        var pipeline = TelemetryPipeline.Build(
            new TelemetryPipelineSettings
            {
                SourceName = SourceName,
                Retry = retry,
                Transport = services.GetRequiredService<ITelemetryTransportFactory>().Create(SourceName),
                Credential = services.GetRequiredService<TokenCredential>(),
                Scope = audience.TrimEnd('/') + "/.default",
            },
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger("CostOps.Autopilot.ResourceGraph"));
        var client = new ResourceGraphClient(SourceName, endpoint, pipeline);
        return new ResourceGraphFleetResolver(client, [.. services.GetRequiredService<IOptions<ResourceGraphOptions>>().Value.Subscriptions]);
    }
}
