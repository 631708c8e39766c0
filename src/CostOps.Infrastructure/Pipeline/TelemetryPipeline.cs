using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.Pipeline;

/// <summary>Builds the one kind of HTTP pipeline every telemetry adapter uses.</summary>
public static class TelemetryPipeline
{
    public static HttpPipeline Build(TelemetryPipelineSettings settings, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        var options = new TelemetryClientOptions
        {
            RetryPolicy = new TelemetryRetryPolicy(settings.SourceName, settings.Retry, timeProvider, logger),
        };
        if (settings.Transport is not null)
        {
            options.Transport = settings.Transport;
        }

        var perRetry = new List<HttpPipelinePolicy>(settings.PerRetryPolicies);
        if (settings.Credential is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(settings.Scope, nameof(settings.Scope));
            perRetry.Add(new BearerTokenAuthenticationPolicy(settings.Credential, settings.Scope));
        }
        // Inside the retry loop, next to the transport: only messages that set BufferResponse = false are affected.
        perRetry.Add(PooledResponseBufferPolicy.Instance);
        return HttpPipelineBuilder.Build(options, [], [.. perRetry], ThrottleResponseClassifier.Instance);
    }
}
