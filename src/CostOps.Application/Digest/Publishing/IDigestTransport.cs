using CostOps.Application.Digest.Rendering;

namespace CostOps.Application.Digest.Publishing;

/// <summary>One way of delivering a rendered digest (Teams webhook, Graph mail, Graph channel, files).</summary>
public interface IDigestTransport
{
    /// <summary>A stable name (<c>teams-webhook</c>, <c>graph-mail</c>, ...): the key of the post log and of outcomes.</summary>
    string Name { get; }

    /// <summary>Delivers the digest.</summary>
    /// <exception cref="DigestTransportException">Delivery failed; the message is safe to show and record (no secrets).</exception>
    Task SendAsync(RenderedDigest digest, CancellationToken cancellationToken = default);
}
