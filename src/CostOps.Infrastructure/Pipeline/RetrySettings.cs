namespace CostOps.Infrastructure.Pipeline;

/// <summary>
/// Bounded retries shared by every telemetry adapter (configuration section <c>CostOps:Telemetry:Retry</c>).
/// </summary>
public sealed class RetrySettings
{
    /// <summary>Retries after the first attempt.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first exponential back-off delay when the server gives no hint.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(0.8);

    /// <summary>
    /// The longest the adapters wait before a retry. A server that asks for a longer wait
    /// (Retry-After, Cost Management QPU headers) gets no retry: the throttled answer becomes the error.
    /// </summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);
}
