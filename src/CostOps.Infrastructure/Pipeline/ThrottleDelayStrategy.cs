using System.Globalization;
using Azure;
using Azure.Core;

namespace CostOps.Infrastructure.Pipeline;

/// <summary>
/// Exponential back-off that honours every server hint Azure and the LLM providers send.
/// Azure.Core's <see cref="DelayStrategy.GetNextDelay"/> already takes the maximum with <c>Retry-After</c>,
/// <c>retry-after-ms</c> and <c>x-ms-retry-after-ms</c>; this class adds the Cost Management and Consumption
/// headers (<c>x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after</c>, <c>...-entity-retry-after</c>,
/// <c>...-tenant-retry-after</c>, <c>...-clienttype-retry-after</c>, <c>x-ms-ratelimit-microsoft.consumption-retry-after</c>),
/// all in seconds.
/// </summary>
public sealed class ThrottleDelayStrategy : DelayStrategy
{
    private readonly TimeSpan _initialDelay;

    /// <param name="initialDelay">The first back-off delay without a server hint.</param>
    /// <param name="maxDelay">The cap for the back-off and for the custom headers.</param>
    public ThrottleDelayStrategy(TimeSpan initialDelay, TimeSpan maxDelay)
        // No jitter: Azure.Core applies it to the core delay, which would shorten a server-mandated wait.
        : base(maxDelay, jitterFactor: 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialDelay, TimeSpan.Zero);
        _initialDelay = initialDelay;
    }

    /// <summary>The longest wait any <c>x-ms-ratelimit-*-retry-after</c> header asks for, or null.</summary>
    public static TimeSpan? RateLimitRetryAfter(Response? response)
    {
        if (response is null)
        {
            return null;
        }
        TimeSpan? longest = null;
        foreach (var header in response.Headers)
        {
            if (header.Name.StartsWith("x-ms-ratelimit-", StringComparison.OrdinalIgnoreCase)
                && header.Name.EndsWith("-retry-after", StringComparison.OrdinalIgnoreCase)
                && double.TryParse(header.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                && seconds >= 0
                && double.IsFinite(seconds))
            {
                var wait = TimeSpan.FromSeconds(seconds);
                longest = longest is null || wait > longest ? wait : longest;
            }
        }
        return longest;
    }

    protected override TimeSpan GetNextDelayCore(Response? response, int retryNumber)
    {
        // Cap the exponent so a large retry count cannot overflow TimeSpan.
        var backoff = TimeSpan.FromTicks((long)Math.Min(_initialDelay.Ticks * Math.Pow(2, Math.Clamp(retryNumber, 0, 30)), TimeSpan.MaxValue.Ticks / 2));
        var hint = RateLimitRetryAfter(response);
        return hint is { } wait && wait > backoff ? wait : backoff;
    }
}
