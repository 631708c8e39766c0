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
/// all in seconds, and Resource Graph's user quota (<c>x-ms-user-quota-resets-after</c>, <c>hh:mm:ss</c>), which counts
/// only when <c>x-ms-user-quota-remaining</c> says the quota is spent (0).
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

    /// <summary>
    /// The longest wait the server asked for in any header: <c>Retry-After</c> (seconds, or an HTTP date read against
    /// the response's <c>Date</c>), <c>retry-after-ms</c>, <c>x-ms-retry-after-ms</c> and every
    /// <c>x-ms-ratelimit-*-retry-after</c> (seconds), and <c>x-ms-user-quota-resets-after</c> (<c>hh:mm:ss</c>) when
    /// <c>x-ms-user-quota-remaining</c> is 0; null when none is present.
    /// </summary>
    public static TimeSpan? ServerRetryAfter(Response? response)
    {
        if (response is null)
        {
            return null;
        }
        TimeSpan? longest = null;
        void Consider(TimeSpan wait) => longest = longest is null || wait > longest ? wait : longest;
        foreach (var header in response.Headers)
        {
            var name = header.Name;
            if (name.Equals("retry-after-ms", StringComparison.OrdinalIgnoreCase) || name.Equals("x-ms-retry-after-ms", StringComparison.OrdinalIgnoreCase))
            {
                if (Number(header.Value) is { } milliseconds)
                {
                    Consider(TimeSpan.FromMilliseconds(milliseconds));
                }
            }
            else if (name.Equals("Retry-After", StringComparison.OrdinalIgnoreCase))
            {
                if (Number(header.Value) is { } seconds)
                {
                    Consider(TimeSpan.FromSeconds(seconds));
                }
                else if (DateTimeOffset.TryParse(header.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                    && response.Headers.Date is { } sent && at > sent)
                {
                    Consider(at - sent);
                }
            }
            else if (name.StartsWith("x-ms-ratelimit-", StringComparison.OrdinalIgnoreCase)
                && name.EndsWith("-retry-after", StringComparison.OrdinalIgnoreCase)
                && Number(header.Value) is { } seconds)
            {
                Consider(TimeSpan.FromSeconds(seconds));
            }
        }
        if (QuotaResetsAfter(response) is { } reset)
        {
            Consider(reset);
        }
        return longest;
    }

    /// <summary>
    /// Resource Graph's per-user quota: when the window's queries are spent (<c>x-ms-user-quota-remaining: 0</c>), the
    /// next one is accepted only after <c>x-ms-user-quota-resets-after</c>. With queries left the header says nothing
    /// about this answer, so it is ignored.
    /// </summary>
    private static TimeSpan? QuotaResetsAfter(Response response)
    {
        if (!response.Headers.TryGetValue("x-ms-user-quota-remaining", out var remaining) || Number(remaining) is not 0d
            || !response.Headers.TryGetValue("x-ms-user-quota-resets-after", out var resetsAfter))
        {
            return null;
        }
        return TimeSpan.TryParseExact(resetsAfter.Trim(), @"hh\:mm\:ss", CultureInfo.InvariantCulture, out var wait) && wait >= TimeSpan.Zero ? wait : null;
    }

    private static double? Number(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 0 && double.IsFinite(number) ? number : null;

    protected override TimeSpan GetNextDelayCore(Response? response, int retryNumber)
    {
        // Cap the exponent so a large retry count cannot overflow TimeSpan.
        var backoff = TimeSpan.FromTicks((long)Math.Min(_initialDelay.Ticks * Math.Pow(2, Math.Clamp(retryNumber, 0, 30)), TimeSpan.MaxValue.Ticks / 2));
        var hint = ServerRetryAfter(response);
        return hint is { } wait && wait > backoff ? wait : backoff;
    }
}
