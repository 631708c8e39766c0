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

    /// <summary>Creates the exception with a generic message.</summary>
    public DigestTransportException()
    {
    }

    /// <summary>
    /// Creates the exception with an inner exception. Only for inner exceptions known to carry no secret: the
    /// publisher records <see cref="Exception.Message"/>, but loggers print the whole chain.
    /// </summary>
    public DigestTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status the upstream answered, when there was one.</summary>
    public int? StatusCode { get; }
}
