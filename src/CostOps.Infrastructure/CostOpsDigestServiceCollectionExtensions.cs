using Azure.Core;
using CostOps.Application.Catalog;
using CostOps.Application.Digest;
using CostOps.Application.Digest.Publishing;
using CostOps.Application.Jobs;
using CostOps.Application.Ports;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.Infrastructure.Teams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CostOps.Infrastructure;

/// <summary>Wires the weekly digest to the CostOps tables and to the WeeklyDigest timer.</summary>
public static class CostOpsDigestServiceCollectionExtensions
{
    /// <summary>
    /// Registers the digest over storage: <see cref="TableDigestSource"/> (DailyTco, Decisions, Runs),
    /// <see cref="TableDigestPostLog"/> (DigestPosts), the renderers and transports of <c>CostOps:Digest</c>
    /// (<see cref="WeeklyDigestServiceCollectionExtensions.AddWeeklyDigest"/>) and the <see cref="WeeklyDigestJob"/> timer.
    /// Graph transports authenticate with the registered <see cref="TokenCredential"/> (<c>AddCostOps</c> registers the
    /// telemetry's, <c>CostOps:Telemetry:ManagedIdentityClientId</c>, before this). Call after the stores are registered
    /// (<c>AddCostOps</c> does).
    /// </summary>
    public static IServiceCollection AddCostOpsDigest(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<IDigestDecisionReader>(sp => new TableDigestDecisionReader(sp.GetRequiredService<CostOpsTables>().Decisions));
        services.TryAddSingleton<IDigestSource>(sp => new TableDigestSource(
            sp.GetRequiredService<WorkloadCatalog>(),
            sp.GetRequiredService<IDailyTcoStore>(),
            sp.GetRequiredService<IDigestDecisionReader>(),
            sp.GetRequiredService<CostOpsTables>().Runs,
            liveness: sp.GetRequiredService<RunLiveness>()));
        // Before AddWeeklyDigest, which falls back to an in-memory post log.
        services.TryAddSingleton<IDigestPostLog>(sp => new TableDigestPostLog(
            sp.GetRequiredService<CostOpsTables>().DigestPosts, sp.GetRequiredService<TimeProvider>()));
        services.AddWeeklyDigest(configuration);

        services.TryAddTransient<WeeklyDigestJob>();
        services.AddSingleton(new ScheduledJobRegistration(WeeklyDigestJob.Name, typeof(WeeklyDigestJob)));
        return services;
    }
}
