using System.Reflection;
using System.Runtime.ExceptionServices;
using CostOps.Application.Catalog;
using CostOps.Application.Telemetry;
using CostOps.Infrastructure;
using CostOps.Infrastructure.TableStorage.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CostOps.Deployment.Tests.Binding;

/// <summary>
/// Starts the real composition root (<see cref="CostOpsServiceCollectionExtensions.AddCostOps"/>) on a generic
/// host with exactly the given app settings as its configuration, the way the worker gets them: options
/// registered with ValidateOnStart are checked by <see cref="IHost.StartAsync"/>. Then it builds what start-up
/// leaves for later but a deployment must get right: every other options type, every telemetry source's
/// adapters (an admin key is read through its ApiKeySetting here), the table clients and the workload catalog
/// (which names the sources). Nothing here calls Azure: clients are built, not used.
/// </summary>
internal static class CostOpsStartup
{
    /// <summary>Starts and stops the app; throws what the app would stop on.</summary>
    public static async Task<StartedApp> StartAsync(IReadOnlyDictionary<string, string> appSettings)
    {
        var configuration = new RecordingConfigurationSource(appSettings);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.Sources.Clear();
        ((IConfigurationBuilder)builder.Configuration).Add(configuration);
        builder.Services.AddCostOps(builder.Configuration);

        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            BindEveryOptionsType(builder.Services, host.Services);

            var sources = host.Services.GetRequiredService<ITelemetrySourceCatalog>();
            foreach (var name in sources.Names)
            {
                if (!sources.TryGet<object>(name, out _))
                {
                    throw new InvalidOperationException($"telemetry source '{name}' built no adapter");
                }
            }
            var tables = host.Services.GetRequiredService<CostOpsTables>();
            var catalog = host.Services.GetRequiredService<WorkloadCatalog>();
            return new StartedApp(configuration.Provider, [.. sources.Names], tables.Service.Uri, [.. tables.Names.All], catalog.Workloads.Count);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    // Options without ValidateOnStart (CostOps:Nightly, ...) are bound on first use; a deployment test cannot wait for it.
    private static void BindEveryOptionsType(IServiceCollection registrations, IServiceProvider services)
    {
        var optionsTypes = registrations
            .Select(descriptor => descriptor.ServiceType)
            .Where(type => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IConfigureOptions<>))
            .Select(type => type.GetGenericArguments()[0])
            .Distinct();
        foreach (var optionsType in optionsTypes)
        {
            var options = services.GetRequiredService(typeof(IOptions<>).MakeGenericType(optionsType));
            try
            {
                _ = options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options);
            }
            catch (TargetInvocationException exception) when (exception.InnerException is not null)
            {
                // What binding threw (an OptionsValidationException, a bad value), not the reflection wrapper.
                ExceptionDispatchInfo.Throw(exception.InnerException);
            }
        }
    }
}

/// <summary>What a started app had: which settings it read, its sources, table endpoint and names, and workload count.</summary>
internal sealed record StartedApp(
    RecordingConfigurationProvider Configuration,
    IReadOnlyList<string> Sources,
    Uri TableEndpoint,
    IReadOnlyList<string> Tables,
    int Workloads);
