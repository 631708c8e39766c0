using System.Collections.Concurrent;

namespace CostOps.Application.Digest.Publishing;

/// <summary>
/// A post log held in memory: idempotent within one process only. Used until the Table Storage post log exists
/// (it will live with the other table adapters); a restarted process forgets what it posted.
/// </summary>
public sealed class InMemoryDigestPostLog : IDigestPostLog
{
    private readonly ConcurrentDictionary<(IsoWeek Week, string Transport), DateTimeOffset> _posted = new();

    /// <inheritdoc />
    public Task<bool> HasBeenPostedAsync(IsoWeek week, string transport, CancellationToken cancellationToken = default) =>
        Task.FromResult(_posted.ContainsKey((week, transport)));

    /// <inheritdoc />
    public Task MarkPostedAsync(IsoWeek week, string transport, DateTimeOffset postedAt, CancellationToken cancellationToken = default)
    {
        _posted[(week, transport)] = postedAt;
        return Task.CompletedTask;
    }
}
