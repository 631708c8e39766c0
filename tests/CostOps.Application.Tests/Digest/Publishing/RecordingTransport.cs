using CostOps.Application.Digest.Publishing;
using CostOps.Application.Digest.Rendering;

namespace CostOps.Application.Tests.Digest.Publishing;

/// <summary>A transport that records what it was asked to send, or fails the way it is told to.</summary>
internal sealed class RecordingTransport(string name, Exception? failWith = null) : IDigestTransport
{
    private readonly List<RenderedDigest> _sent = [];

    public string Name => name;

    public IReadOnlyList<RenderedDigest> Sent => _sent;

    public Task SendAsync(RenderedDigest digest, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _sent.Add(digest);
        return failWith is null ? Task.CompletedTask : Task.FromException(failWith);
    }
}
