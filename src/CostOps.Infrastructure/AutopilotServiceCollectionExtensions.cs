using Azure.ResourceManager;
using CostOps.Application.Autopilot;
using CostOps.Application.Jobs;
using CostOps.Application.Ports;
using CostOps.Application.Telemetry;
using CostOps.Infrastructure.Compute;
using CostOps.Infrastructure.Identity;
using CostOps.Infrastructure.Telemetry;
using CostOps.Infrastructure.TableStorage.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CostOps.Infrastructure;

/// <summary>Registers the autopilot: options, the ARM client and actuator, the Decisions store, the planner, the runner and its timer job.</summary>
public static class AutopilotServiceCollectionExtensions
{
    /// <summary>
    /// Adds the autopilot on top of <see cref="CostOpsServiceCollectionExtensions.AddCostOps"/>'s tables,
    /// catalog, price book and stores (AddCostOps calls this). Binds and validates at start-up
    /// <c>CostOps:Autopilot</c> (Mode, MaxActionsPerRun, LeaseDuration, MaxParallelism) and
    /// <c>CostOps:Autopilot:Arm</c> (OperationTimeout, Endpoint, Audience, ManagedIdentityClientId).
    /// A registered <see cref="ArmClient"/> is used when there is one; otherwise one is built with the autopilot's
    /// credential of <see cref="AzureCredentials"/> (<c>Arm:ManagedIdentityClientId</c>'s identity, else the telemetry's).
    /// </summary>
    public static IServiceCollection AddAutopilot(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UpstreamCallCounter>();

        services.AddOptions<AutopilotOptions>().Bind(configuration.GetSection(AutopilotOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AutopilotOptions>, AutopilotOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AutopilotOptions>, AutopilotLeaseValidator>());
        services.AddOptions<ArmConnectionOptions>().Bind(configuration.GetSection(ArmConnectionOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ArmConnectionOptions>, ArmConnectionOptionsValidator>());
        services.AddOptions<ArmFleetControllerOptions>().Bind(configuration.GetSection(ArmFleetControllerOptions.SectionName));

        services.TryAddSingleton(CreateArmClient);
        services.AddArmFleetController();
        // An offline fleet (the demo, what-if planning without ARM access) replaces the ARM actuator.
        if (configuration[$"{AutopilotOptions.Section}:FleetFile"] is { Length: > 0 } fleetFile)
        {
            services.AddSingleton<IFleetController>(sp => new Files.FleetStateFile(fleetFile, sp.GetRequiredService<TimeProvider>()));
        }
        services.TryAddSingleton<IDecisionStore>(sp => new TableDecisionStore(sp.GetRequiredService<CostOpsTables>().Decisions, sp.GetRequiredService<TimeProvider>()));

        services.TryAddSingleton<AutopilotPlanner>();
        services.TryAddSingleton<AutopilotRunner>();
        services.TryAddSingleton<AutopilotJob>();
        services.AddSingleton(new ScheduledJobRegistration(AutopilotJob.Name, typeof(AutopilotJob)));
        return services;
    }

    private static ArmClient CreateArmClient(IServiceProvider services)
    {
        var connection = services.GetRequiredService<IOptions<ArmConnectionOptions>>().Value;
        // Writing to VMs may be granted to another identity than reading telemetry: the autopilot purpose says which.
        var credential = services.GetRequiredService<AzureCredentials>().For(CredentialPurpose.Autopilot);
        var options = new ArmClientOptions();
        if (!string.IsNullOrWhiteSpace(connection.Endpoint))
        {
            var endpoint = new Uri(connection.Endpoint);
            options.Environment = new ArmEnvironment(endpoint, string.IsNullOrWhiteSpace(connection.Audience) ? endpoint.AbsoluteUri : connection.Audience);
        }
        // The telemetry's transport counts every request into the run's "upstream calls".
        if (services.GetService<ITelemetryTransportFactory>() is { } transports)
        {
            options.Transport = transports.Create("autopilot-arm");
        }
        return new ArmClient(credential, defaultSubscriptionId: null, options);
    }
}
