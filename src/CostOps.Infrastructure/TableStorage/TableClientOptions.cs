using Azure.Core;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>
/// Options for <see cref="TableServiceClient"/> and <see cref="TableClient"/>: the Azure.Core
/// transport, retry and diagnostics settings, plus the clock used to date Shared Key requests.
/// </summary>
/// <remarks>
/// Retries use Azure.Core's <c>RetryPolicy</c> with its exponential delay strategy, which honours
/// <c>Retry-After</c> and retries 408, 429, 500 (OperationTimedOut), 502, 503 (ServerBusy) and 504.
/// The defaults are bounded: at most <see cref="RetryOptions.MaxRetries"/> retries, each delay
/// capped by <see cref="RetryOptions.MaxDelay"/> unless the service asks for longer.
/// </remarks>
public sealed class TableClientOptions : ClientOptions
{
    /// <summary>Creates options with bounded retry defaults suited to Table storage throttling.</summary>
    public TableClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 5;
        Retry.Delay = TimeSpan.FromMilliseconds(500);
        Retry.MaxDelay = TimeSpan.FromSeconds(30);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
    }

    /// <summary>The clock that dates Shared Key requests (<c>x-ms-date</c>); the system clock by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
