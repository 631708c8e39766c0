using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.Pipeline;

/// <summary>
/// Every log event of the telemetry adapters (event ids 4000-4099, stable). Parameters never carry secrets:
/// only source names, resource ids, statuses and counts.
/// </summary>
public static partial class TelemetryLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Source {Source} throttled (HTTP {Status}); retry {Retry} in {Delay}")]
    public static partial void RetryingThrottled(ILogger logger, string source, int status, int retry, TimeSpan delay);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Source {Source} answered HTTP {Status}; retry {Retry} in {Delay}")]
    public static partial void RetryingServerError(ILogger logger, string source, int status, int retry, TimeSpan delay);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Source {Source} could not be reached ({Failure}); retry {Retry} in {Delay}")]
    public static partial void RetryingAfterTransportFailure(ILogger logger, string source, string failure, int retry, TimeSpan delay);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Source {Source} asked to wait {Delay} after HTTP {Status}, longer than the {MaxDelay} limit; not retrying")]
    public static partial void RetryWaitTooLong(ILogger logger, string source, int status, TimeSpan delay, TimeSpan maxDelay);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Source {Source} read {Kind}: {Facts} facts, {Issues} issues, completeness {Completeness:P1}")]
    public static partial void Read(ILogger logger, string source, string kind, int facts, int issues, double completeness);

    /// <summary>Logs <see cref="Read"/> for a set of facts, computing the overall completeness only when the event is enabled.</summary>
    public static void ReadFacts(ILogger logger, string source, string kind, int facts, int issues, IEnumerable<Application.Telemetry.Completeness> completeness)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var ratio = Application.Telemetry.Completeness.Combine(completeness).Ratio;
            Read(logger, source, kind, facts, issues, ratio);
        }
    }

    [LoggerMessage(EventId = 4020, Level = LogLevel.Warning, Message = "Source {Source}: metric {Metric} failed for {ResourceId}: {ErrorCode}")]
    public static partial void MetricFailed(ILogger logger, string source, string metric, string resourceId, string errorCode);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Warning, Message = "Source {Source}: the metrics batch API refused {Count} resources of subscription {Subscription} in {Region} (HTTP {Status}); reading them one by one through ARM")]
    public static partial void BatchRefusedFallingBack(ILogger logger, string source, int count, string subscription, string region, int status);

    [LoggerMessage(EventId = 4030, Level = LogLevel.Warning, Message = "Source {Source}: Prometheus warned: {Warning}")]
    public static partial void PrometheusWarning(ILogger logger, string source, string warning);

    [LoggerMessage(EventId = 4040, Level = LogLevel.Warning, Message = "Source {Source}: could not read {ResourceId}: {Problem}")]
    public static partial void ResourceUnreadable(ILogger logger, string source, string resourceId, string problem);

    [LoggerMessage(EventId = 4050, Level = LogLevel.Debug, Message = "Source {Source}: price of {Sku} in {Region} served from cache (fetched {FetchedAt:o})")]
    public static partial void PriceFromCache(ILogger logger, string source, string sku, string region, DateTimeOffset fetchedAt);

    [LoggerMessage(EventId = 4051, Level = LogLevel.Warning, Message = "Source {Source}: no Linux pay-as-you-go price is listed for {Sku} in {Region}")]
    public static partial void PriceNotListed(ILogger logger, string source, string sku, string region);
}
