using CostOps.Application.Catalog;
using CostOps.Application.Export;
using CostOps.Application.Health;
using CostOps.Application.Jobs;
using CostOps.Application.Nightly;
using CostOps.Application.Nightly.FanOut;
using CostOps.Application.PriceBook;
using CostOps.Application.Requests;
using CostOps.Application.Ports;
using CostOps.Application.Telemetry;
using CostOps.Application.Verdicts;
using CostOps.Infrastructure.Identity;
using CostOps.Infrastructure.Queues;
using CostOps.Infrastructure.ResourceGraph;
using CostOps.Infrastructure.TableStorage;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.Infrastructure.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CostOps.Infrastructure;

/// <summary>The composition root shared by the handler and the CLI: options, stores, sources and use cases.</summary>
public static class CostOpsServiceCollectionExtensions
{
    /// <summary>
    /// Registers CostOps. Options are validated at start-up (<c>ValidateOnStart</c>); the catalog and
    /// price books are read once, on first use, and their errors name the file and field.
    /// </summary>
    public static IServiceCollection AddCostOps(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UpstreamCallCounter>();

        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddOptions<CatalogOptions>().Bind(configuration.GetSection(CatalogOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CatalogOptions>, CatalogOptionsValidator>();
        services.AddOptions<NightlyOptions>().Bind(configuration.GetSection(NightlyOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NightlyOptions>, NightlyOptionsValidator>();
        services.AddSingleton<IValidateOptions<NightlyOptions>, FanOutStorageValidator>();
        services.AddOptions<RunsOptions>().Bind(configuration.GetSection(RunsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RunsOptions>, RunsOptionsValidator>();
        services.TryAddSingleton<RunLiveness>();

        // Every Azure credential comes from here, chosen once per purpose; hosts and tests replace AzureCredentials to change them.
        services.AddSingleton(sp => AzureCredentials.FromSettings(
            sp.GetRequiredService<IOptions<TelemetrySourcesOptions>>().Value.Telemetry.ManagedIdentityClientId,
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.ManagedIdentityClientId,
            sp.GetRequiredService<IOptions<Compute.ArmConnectionOptions>>().Value.ManagedIdentityClientId));
        services.AddSingleton(sp => sp.GetRequiredService<AzureCredentials>().For(CredentialPurpose.Telemetry));
        services.AddSingleton(sp => TableStorageClients.CreateService(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value, () => sp.GetRequiredService<AzureCredentials>().For(CredentialPurpose.Storage)));
        services.AddSingleton<CostOpsTables>();
        services.AddSingleton<IDailyTcoStore>(sp => new TableDailyTcoStore(sp.GetRequiredService<CostOpsTables>().DailyTco));
        services.AddSingleton<IRunStore>(sp => new TableRunStore(sp.GetRequiredService<CostOpsTables>().Runs));
        services.AddSingleton<ILeaseStore>(sp => new TableLeaseStore(sp.GetRequiredService<CostOpsTables>().Leases, sp.GetRequiredService<TimeProvider>()));

        services.AddSingleton(sp => PriceBookReader.LoadWithOverrides(sp.GetRequiredService<IOptions<CatalogOptions>>().Value.PriceBooks));
        services.AddSingleton(sp => WorkloadCatalogReader.Load(
            sp.GetRequiredService<IOptions<CatalogOptions>>().Value.Path!,
            sp.GetRequiredService<Domain.Pricing.PriceBook>(),
            sp.GetRequiredService<ITelemetrySourceCatalog>().Names));

        services.AddCostOpsTelemetry(configuration);
        // The app's price cache is the Prices table: replaces the telemetry registration's in-memory one, whatever the order.
        services.Replace(ServiceDescriptor.Singleton<IGpuPriceCache>(sp => new TableGpuPriceCache(sp.GetRequiredService<CostOpsTables>().Prices)));
        services.AddSingleton<TelemetryGatherer>();
        services.AddSingleton<TcoRecalculation>();
        services.AddSingleton<WorkloadVerdictQuery>();
        services.AddSingleton<RunHealth>();
        services.AddSingleton<FocusExport>();
        // The fan-out's parts are always registered (and cheap); only Mode = FanOut makes the nightly use them.
        services.AddSingleton<IShardLedger>(sp => new TableShardLedger(sp.GetRequiredService<CostOpsTables>().NightShards));
        services.AddSingleton<IShardQueue>(sp => new StorageShardQueue(() => ShardQueueClients.Create(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value, NightlyOptions.ShardQueue,
            () => sp.GetRequiredService<AzureCredentials>().For(CredentialPurpose.Storage))));
        services.AddSingleton<NightlyFanOut>();
        services.AddSingleton<NightlyShardRunner>();
        AddRequests(services);
        services.AddSingleton<NightlyTcoJob>();
        services.AddSingleton(new ScheduledJobRegistration(NightlyTcoJob.Name, typeof(NightlyTcoJob)));
        services.AddAutopilot(configuration);
        services.AddResourceGraphFleetResolver(configuration);
        services.AddCostOpsDigest(configuration);
        return services;
    }

    /// <summary>The queries and commands behind the HTTP API (the functions, the CLI and the tests call the same ones).</summary>
    private static void AddRequests(IServiceCollection services)
    {
        services.AddSingleton<RecalculateTcoCommand>();
        services.AddSingleton<AutopilotPlanQuery>();
        services.AddSingleton<DecisionsQuery>();
        services.AddSingleton<RunsQuery>();
        services.AddSingleton<TcoRangeQuery>();
        services.AddSingleton<WhatIfQuery>();
        services.AddSingleton<FocusExportQuery>();
        // Transient like the digest service it wraps.
        services.AddTransient<DigestPreviewQuery>();
    }
}
