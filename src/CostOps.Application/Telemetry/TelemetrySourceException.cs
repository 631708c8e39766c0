namespace CostOps.Application.Telemetry;

/// <summary>
/// A telemetry source could not answer (unreachable after retries, refused, or sent a body that does not
/// parse). The message names the source; it never contains credentials. No facts are returned with it.
/// </summary>
public sealed class TelemetrySourceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TelemetrySourceException(string source, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        SourceName = source;
    }

    /// <summary>Creates the exception with an upstream HTTP status.</summary>
    public TelemetrySourceException(string source, string message, int status, Exception? innerException = null)
        : this(source, message, innerException)
    {
        Status = status;
    }

    /// <summary>The configured name of the source that failed.</summary>
    public string SourceName { get; }

    /// <summary>The upstream HTTP status, when the failure was an HTTP answer.</summary>
    public int? Status { get; }
}
