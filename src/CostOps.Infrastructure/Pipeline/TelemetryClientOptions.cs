using Azure.Core;

namespace CostOps.Infrastructure.Pipeline;

/// <summary>
/// The Azure.Core client options every telemetry pipeline is built from (ClientOptions is abstract).
/// Retries are replaced by <see cref="TelemetryRetryPolicy"/>; the transport is set per source.
/// </summary>
public sealed class TelemetryClientOptions : ClientOptions
{
    public TelemetryClientOptions()
    {
        Diagnostics.ApplicationId = "CostOps";
        // Request/response bodies may carry usage data and error echoes of credentials; never log them.
        Diagnostics.IsLoggingContentEnabled = false;
    }
}
