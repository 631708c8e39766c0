using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.Pipeline;

/// <summary>
/// Bounded retries for every telemetry pipeline. It replaces Azure.Core's RetryPolicy because that one
/// waits with <c>Task.Delay</c> on the system clock and cannot be observed; this one waits on the injected
/// <see cref="TimeProvider"/>, logs throttling, and gives up (returning the throttled answer) when the server
/// asks for a wait longer than <see cref="RetrySettings.MaxDelay"/>.
/// </summary>
public sealed class TelemetryRetryPolicy : HttpPipelinePolicy
{
    private readonly string _sourceName;
    private readonly RetrySettings _settings;
    private readonly ThrottleDelayStrategy _delayStrategy;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public TelemetryRetryPolicy(string sourceName, RetrySettings settings, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _sourceName = sourceName;
        _settings = settings;
        _delayStrategy = new ThrottleDelayStrategy(settings.InitialDelay, settings.MaxDelay);
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        // The adapters are async only; a sync caller still gets the same behaviour.
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        for (var retry = 0; ; retry++)
        {
            Exception? failure = null;
            try
            {
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            }
            catch (Exception exception) when (retry < _settings.MaxRetries
                && !message.CancellationToken.IsCancellationRequested
                && message.ResponseClassifier.IsRetriable(message, exception))
            {
                failure = exception;
            }

            Azure.Response? response = null;
            if (failure is null)
            {
                if (!message.HasResponse || !message.Response.IsError || retry >= _settings.MaxRetries
                    || !message.ResponseClassifier.IsRetriableResponse(message))
                {
                    return;
                }
                response = message.Response;
            }

            var status = response?.Status ?? 0;
            // The delay strategy caps its own back-off at MaxDelay; a server that asks for longer is checked here,
            // because retrying before the server's time is up only earns another throttled answer.
            if (ThrottleDelayStrategy.ServerRetryAfter(response) is { } asked && asked > _settings.MaxDelay)
            {
                TelemetryLog.RetryWaitTooLong(_logger, _sourceName, status, asked, _settings.MaxDelay);
                return;
            }
            var delay = _delayStrategy.GetNextDelay(response, retry);
            if (failure is not null)
            {
                TelemetryLog.RetryingAfterTransportFailure(_logger, _sourceName, failure.GetType().Name, retry + 1, delay);
            }
            else if (status is 429 or 529)
            {
                TelemetryLog.RetryingThrottled(_logger, _sourceName, status, retry + 1, delay);
            }
            else
            {
                TelemetryLog.RetryingServerError(_logger, _sourceName, status, retry + 1, delay);
            }

            // Free the connection before waiting.
            response?.ContentStream?.Dispose();
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _timeProvider, message.CancellationToken).ConfigureAwait(false);
            }
        }
    }
}
