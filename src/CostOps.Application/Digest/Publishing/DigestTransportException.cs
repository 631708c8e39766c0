namespace CostOps.Application.Digest.Publishing;

/// <summary>
/// A transport could not deliver the digest. The message says what failed and what to do, and never contains a
/// secret (webhook URLs, tokens): it is recorded and shown as it is. No inner exception is kept for the same reason.
/// </summary>
public sealed class DigestTransportException : Exception
{
    /// <summary>Creates the exception with a secret-free message.</summary>
    public DigestTransportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a secret-free message and the HTTP status that caused it.</summary>
    public DigestTransportException(string message, int? statusCode)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public DigestTransportException()
    {
    }

    public DigestTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status the upstream answered, when there was one.</summary>
    public int? StatusCode { get; }
}
