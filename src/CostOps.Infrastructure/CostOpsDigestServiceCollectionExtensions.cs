using Azure.Core;
using CostOps.Application.Digest;
using CostOps.Application.Digest.Publishing;
using CostOps.Application.Jobs;
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
    /// Registers the digest over storage: <see cref="DigestReader"/> (DailyTco, Decisions, Runs through their stores),
    /// <see cref="TableDigestPostLog"/> (DigestPosts), the renderers and transports of <c>CostOps:Digest</c>
    /// (<see cref="WeeklyDigestServiceCollectionExtensions.AddWeeklyDigest"/>) and the <see cref="WeeklyDigestJob"/> timer.
    /// Graph transports authenticate with the registered <see cref="TokenCredential"/> (<c>AddCostOps</c> registers the
    /// telemetry's, <c>CostOps:Telemetry:ManagedIdentityClientId</c>, before this). Call after the stores are registered
    /// (<c>AddCostOps</c> does).
    /// </summary>
    public static IServiceCollection AddCostOpsDigest(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<DigestReader>();
        services.AddWeeklyDigest(configuration);
        // The app's post log is the DigestPosts table: replaces the digest registration's in-memory one, whatever the order.
        services.Replace(ServiceDescriptor.Singleton<IDigestPostLog>(sp => new TableDigestPostLog(
            sp.GetRequiredService<CostOpsTables>().DigestPosts, sp.GetRequiredService<TimeProvider>())));

        services.TryAddTransient<WeeklyDigestJob>();
        services.AddSingleton(new ScheduledJobRegistration(WeeklyDigestJob.Name, typeof(WeeklyDigestJob)));
        return services;
    }
}
