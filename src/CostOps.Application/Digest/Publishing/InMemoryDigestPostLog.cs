using System.Collections.Concurrent;

namespace CostOps.Application.Digest.Publishing;

/// <summary>
/// A post log held in memory: idempotent within one process only (tests, and hosts without storage); a restarted
/// process forgets what it posted. The deployed app uses the Table Storage post log (<c>DigestPosts</c>).
/// </summary>
public sealed class InMemoryDigestPostLog : IDigestPostLog
{
    private readonly ConcurrentDictionary<(IsoWeek Week, string Transport), Entry> _entries = new();

    /// <inheritdoc />
    public Task<bool> HasBeenPostedAsync(IsoWeek week, string transport, CancellationToken cancellationToken = default) =>
        Task.FromResult(_entries.TryGetValue((week, transport), out var entry) && entry.Posted);

    /// <inheritdoc />
    public Task<DigestPostClaim> TryClaimAsync(IsoWeek week, string transport, string claimId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(claimId);
        var entry = _entries.GetOrAdd((week, transport), new Entry(false, claimId));
        var claim = entry switch
        {
            { Posted: true } => DigestPostClaim.AlreadyPosted,
            _ when entry.ClaimId == claimId => DigestPostClaim.Claimed,
            _ => DigestPostClaim.InProgress,
        };
        return Task.FromResult(claim);
    }

    /// <inheritdoc />
    public Task MarkPostedAsync(IsoWeek week, string transport, DateTimeOffset postedAt, CancellationToken cancellationToken = default)
    {
        _entries[(week, transport)] = new Entry(true, null);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ReleaseAsync(IsoWeek week, string transport, string claimId, CancellationToken cancellationToken = default)
    {
        // Removes the entry only if it is still this caller's unposted claim.
        _entries.TryRemove(KeyValuePair.Create((week, transport), new Entry(false, claimId)));
        return Task.CompletedTask;
    }

    private sealed record Entry(bool Posted, string? ClaimId);
}
