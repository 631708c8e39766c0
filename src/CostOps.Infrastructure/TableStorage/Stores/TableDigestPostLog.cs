using Azure;
using Azure.Data.Tables;
using CostOps.Application.Digest;
using CostOps.Application.Digest.Publishing;

namespace CostOps.Infrastructure.TableStorage.Stores;

/// <summary>
/// The <c>DigestPosts</c> table: PartitionKey = ISO week (<c>2026-W47</c>), RowKey = transport name
/// (<c>teams-webhook</c>), with <c>Status</c> (<c>claimed</c> or <c>posted</c>), <c>ClaimId</c>, <c>ClaimedAt</c> and
/// <c>PostedAt</c>. A claim is an insert, and the service lets only one insert of the same keys succeed (the others
/// get 409), so of two concurrent runs only one sends. A claim left behind by a run that died is taken over after
/// <see cref="StaleClaimAfter"/> with a replace guarded by its ETag (again only one can succeed).
/// </summary>
public sealed class TableDigestPostLog : IDigestPostLog
{
    /// <summary>
    /// How long a claim without a post holds. Longer than any send (a webhook gives up after a few 30 s attempts, Graph
    /// after its retries), shorter than the WeeklyDigest function's retry delay, so the host's retry of a crashed run posts.
    /// </summary>
    public static readonly TimeSpan StaleClaimAfter = TimeSpan.FromMinutes(15);

    // A claim released between our insert and our read is retried a few times, not forever.
    private const int MaxAttempts = 3;

    private readonly TableClient _table;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the post log over <paramref name="table"/> (which must exist: created at start-up).</summary>
    public TableDigestPostLog(TableClient table, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _table = table;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public async Task<bool> HasBeenPostedAsync(IsoWeek week, string transport, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transport);
        var row = await _table.GetEntityIfExistsAsync<DigestPostEntity>(week.ToString(), transport, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value!.Status == DigestPostEntity.Posted;
    }

    /// <inheritdoc />
    public async Task<DigestPostClaim> TryClaimAsync(IsoWeek week, string transport, string claimId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transport);
        ArgumentException.ThrowIfNullOrWhiteSpace(claimId);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var now = _timeProvider.GetUtcNow();
            var claim = new DigestPostEntity
            {
                PartitionKey = week.ToString(),
                RowKey = transport,
                Status = DigestPostEntity.Claimed,
                ClaimId = claimId,
                ClaimedAt = now,
            };
            try
            {
                await _table.AddEntityAsync(claim, cancellationToken).ConfigureAwait(false);
                return DigestPostClaim.Claimed;
            }
            catch (RequestFailedException exception) when (exception.Status == 409)
            {
                // Posted, or claimed by someone (perhaps long ago): look.
            }

            var current = await _table.GetEntityIfExistsAsync<DigestPostEntity>(claim.PartitionKey, claim.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!current.HasValue)
            {
                continue;
            }
            var existing = current.Value!;
            if (existing.Status == DigestPostEntity.Posted)
            {
                return DigestPostClaim.AlreadyPosted;
            }
            if (existing.ClaimId == claimId)
            {
                return DigestPostClaim.Claimed;
            }
            if (existing.ClaimedAt is { } claimedAt && now - claimedAt < StaleClaimAfter)
            {
                return DigestPostClaim.InProgress;
            }
            try
            {
                await _table.UpdateEntityAsync(claim, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return DigestPostClaim.Claimed;
            }
            catch (RequestFailedException exception) when (exception.Status == 412)
            {
                // Another run took the stale claim over (or posted) between our read and our replace.
                return DigestPostClaim.InProgress;
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
                // Released between our read and our replace: try inserting again.
            }
        }
        return DigestPostClaim.InProgress;
    }

    /// <inheritdoc />
    public async Task MarkPostedAsync(IsoWeek week, string transport, DateTimeOffset postedAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transport);
        var row = new DigestPostEntity
        {
            PartitionKey = week.ToString(),
            RowKey = transport,
            Status = DigestPostEntity.Posted,
            PostedAt = postedAt,
        };
        await _table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(IsoWeek week, string transport, string claimId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transport);
        ArgumentException.ThrowIfNullOrWhiteSpace(claimId);
        var current = await _table.GetEntityIfExistsAsync<DigestPostEntity>(week.ToString(), transport, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!current.HasValue)
        {
            return;
        }
        var existing = current.Value!;
        if (existing.Status != DigestPostEntity.Claimed || existing.ClaimId != claimId)
        {
            return;
        }
        try
        {
            await _table.DeleteEntityAsync(existing.PartitionKey, existing.RowKey, existing.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            // Taken over or posted since we read it: it is no longer ours to release.
        }
    }
}
