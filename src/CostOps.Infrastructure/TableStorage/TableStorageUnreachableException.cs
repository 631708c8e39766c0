using Azure;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>
/// Table storage did not answer at all (refused, unknown host, connect or network timeout) on any attempt. Status 0
/// like the SDK's own transport failures, so callers that map <see cref="RequestFailedException"/> keep working; the
/// message names the endpoint and the last reason, and never the request's headers or a key.
/// </summary>
public sealed class TableStorageUnreachableException : RequestFailedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpoint">The storage endpoint (scheme, host and port) that did not answer.</param>
    /// <param name="attempts">How many attempts were made, retries included.</param>
    /// <param name="reason">The last attempt's failure, e.g. "Connection refused (127.0.0.1:10002)".</param>
    /// <param name="innerException">What the SDK threw.</param>
    public TableStorageUnreachableException(Uri endpoint, int attempts, string reason, Exception innerException)
        : base(0, $"Table storage at {endpoint.AbsoluteUri.TrimEnd('/')} could not be reached after {attempts} attempt{(attempts == 1 ? "" : "s")}: {reason}", "TableStorageUnreachable", innerException)
    {
        Endpoint = endpoint;
        Attempts = attempts;
    }

    /// <summary>The storage endpoint that did not answer.</summary>
    public Uri Endpoint { get; }

    /// <summary>How many attempts were made, retries included.</summary>
    public int Attempts { get; }
}
