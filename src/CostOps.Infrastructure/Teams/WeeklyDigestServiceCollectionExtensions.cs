using Azure.Core;
using CostOps.Application.Digest;
using CostOps.Application.Digest.Publishing;
using CostOps.Application.Digest.Rendering;
using CostOps.Infrastructure.Files;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Graph;

namespace CostOps.Infrastructure.Teams;

/// <summary>Registers the weekly digest: options (validated at start), builder, renderers, publisher, service and transports.</summary>
public static class WeeklyDigestServiceCollectionExtensions
{
    /// <summary>The scope asked of the credential for Microsoft Graph.</summary>
    public const string GraphScope = "https://graph.microsoft.com/.default";

    /// <summary>
    /// Adds <see cref="WeeklyDigestService"/> and the transports that <c>CostOps:Digest</c> turns on: the Teams
    /// Workflows webhook, Graph channel message, Graph e-mail, and the file sink, in that order. The Graph transports
    /// use the <see cref="TokenCredential"/> registered in the container. The post log is in memory here;
    /// <c>AddCostOpsDigest</c> replaces it with the <c>DigestPosts</c> table's;
    /// <see cref="DigestReader"/> and the stores it reads are registered by the storage adapter.
    /// </summary>
    public static IServiceCollection AddWeeklyDigest(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(DigestOptions.SectionName);
        services.AddOptions<DigestOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DigestOptions>, DigestOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDigestPostLog, InMemoryDigestPostLog>();
        services.TryAddSingleton<WeeklyDigestBuilder>();
        services.TryAddSingleton(sp => new DigestRenderer(sp.GetRequiredService<IOptions<DigestOptions>>().Value.ToRenderOptions()));
        services.TryAddTransient<DigestPublisher>();
        services.TryAddTransient<WeeklyDigestService>();

        // Which transports exist is decided by the settings present; their values are validated at start-up.
        var settings = section.Get<DigestOptions>() ?? new DigestOptions();
        if (settings.WebhookEnabled)
        {
            // No HttpClient logging: its request lines would carry the webhook URL, which is a secret.
            services.AddHttpClient<TeamsWorkflowWebhookTransport>(client => client.Timeout = TimeSpan.FromSeconds(30)).RemoveAllLoggers();
            services.AddTransient<IDigestTransport>(sp => sp.GetRequiredService<TeamsWorkflowWebhookTransport>());
        }
        if (settings.GraphChannelEnabled || settings.GraphMailEnabled)
        {
            services.TryAddSingleton(sp => new GraphServiceClient(
                sp.GetService<TokenCredential>() ?? throw new InvalidOperationException(
                    $"{DigestOptions.SectionName} turns on a Microsoft Graph transport, but no Azure.Core TokenCredential is registered."),
                [GraphScope]));
        }
        if (settings.GraphChannelEnabled)
        {
            services.AddTransient<IDigestTransport, GraphChannelTransport>();
        }
        if (settings.GraphMailEnabled)
        {
            services.AddTransient<IDigestTransport, GraphMailTransport>();
        }
        if (settings.FileSinkEnabled)
        {
            services.AddTransient<IDigestTransport, DigestFileSink>();
        }
        return services;
    }
}
