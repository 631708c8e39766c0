using Azure.Core;
using Azure.Core.Pipeline;
using Azure.ResourceManager;
using CostOps.Infrastructure.Pipeline;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.Compute;

/// <summary>Creates the <see cref="ArmClient"/> the fleet adapter reads with, on the shared retry policy.</summary>
public static class FleetArmClient
{
    /// <param name="sourceName">The configured source name (for retry logs).</param>
    /// <param name="armEndpoint">The ARM endpoint (public cloud, sovereign cloud, or a loopback fake).</param>
    /// <param name="credential">The managed identity (or any Entra credential).</param>
    /// <param name="transport">The transport, or null for the default.</param>
    /// <param name="retry">The shared retry settings.</param>
    /// <param name="timeProvider">The clock retries wait on.</param>
    /// <param name="logger">Where retries are logged.</param>
    public static ArmClient Create(string sourceName, Uri armEndpoint, TokenCredential credential, HttpPipelineTransport? transport, RetrySettings retry, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(armEndpoint);
        ArgumentNullException.ThrowIfNull(credential);
        var options = new ArmClientOptions
        {
            // The audience stays ARM's even when the endpoint is a fake: tokens are always requested for ARM.
            Environment = new ArmEnvironment(armEndpoint, ArmEnvironment.AzurePublicCloud.Audience),
            RetryPolicy = new TelemetryRetryPolicy(sourceName, retry, timeProvider, logger),
        };
        options.Diagnostics.IsLoggingContentEnabled = false;
        if (transport is not null)
        {
            options.Transport = transport;
        }
        return new ArmClient(credential, defaultSubscriptionId: null, options);
    }
}
