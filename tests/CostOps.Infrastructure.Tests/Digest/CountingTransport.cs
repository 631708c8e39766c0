using CostOps.Application.Digest.Publishing;
using CostOps.Application.Digest.Rendering;

namespace CostOps.Infrastructure.Tests.Digest;

/// <summary>A transport that counts what it sends; with a gate, its sends wait until the test opens it.</summary>
internal sealed class CountingTransport(string name, bool gated = false) : IDigestTransport
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<RenderedDigest> _sent = [];

    public string Name => name;

    /// <summary>Completes when a send has started.</summary>
    public Task Entered => _entered.Task;

    public IReadOnlyList<RenderedDigest> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    public void Open() => _open.TrySetResult();

    public async Task SendAsync(RenderedDigest digest, CancellationToken cancellationToken = default)
    {
        lock (_sent)
        {
            _sent.Add(digest);
        }
        _entered.TrySetResult();
        if (gated)
        {
            await _open.Task.WaitAsync(cancellationToken);
        }
    }
}
