using Azure;
using Azure.Data.Tables;
using CostOps.Application.Ports;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>
/// <see cref="ILeaseStore"/> on the <c>Leases</c> table: one entity per lease (PartitionKey = lease
/// name, RowKey = <c>lease</c>) with <c>Owner</c> and <c>ExpiresAt</c>. Races are settled by the
/// service: acquiring inserts (only one insert can succeed), taking over an expired lease or
/// renewing replaces with <c>If-Match</c> on the ETag read (only one replace can succeed; the others
/// get 412, which here means "someone else has it").
/// </summary>
public sealed class TableLeaseStore : ILeaseStore
{
    // A lease deleted between our insert and our read is re-tried a few times, not forever.
    private const int MaxAttempts = 3;

    private readonly TableClient _table;
    private readonly TimeProvider _timeProvider;
    private volatile bool _tableReady;

    /// <summary>Creates the store over <paramref name="table"/> (created on first use).</summary>
    public TableLeaseStore(TableClient table, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _table = table;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public async Task<Lease?> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var now = _timeProvider.GetUtcNow();
            var wanted = ToEntity(name, owner, now + duration);
            try
            {
                var added = await _table.AddEntityAsync(wanted, cancellationToken).ConfigureAwait(false);
                return ToLease(wanted, added);
            }
            catch (RequestFailedException exception) when (exception.Status == 409)
            {
                // Someone holds (or held) it: look at who and until when.
            }

            var current = await _table.GetEntityIfExistsAsync<LeaseEntity>(name, LeaseEntity.Row, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!current.HasValue)
            {
                continue;
            }
            var existing = current.Value!;
            var heldByOther = existing.Owner != owner && existing.ExpiresAt > now;
            if (heldByOther)
            {
                return null;
            }
            try
            {
                var replaced = await _table.UpdateEntityAsync(wanted, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return ToLease(wanted, replaced);
            }
            catch (RequestFailedException exception) when (exception.Status == 412)
            {
                return null;
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
                // Released between our read and our replace: try inserting again.
            }
        }
        return null;
    }

    /// <inheritdoc />
    public async Task<Lease?> TryRenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var renewed = ToEntity(lease.Name, lease.Owner, _timeProvider.GetUtcNow() + duration);
        try
        {
            var response = await _table.UpdateEntityAsync(renewed, new ETag(lease.Version), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return ToLease(renewed, response);
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            // Taken over by someone else (412) or released (404): no longer ours to renew.
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<bool> ReleaseAsync(Lease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        try
        {
            // The SDK answers a missing entity with its 404 response rather than an exception.
            var response = await _table.DeleteEntityAsync(lease.Name, LeaseEntity.Row, new ETag(lease.Version), cancellationToken).ConfigureAwait(false);
            return response.Status == 204;
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            return false;
        }
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_tableReady)
        {
            // Idempotent, so a race between two first calls is harmless.
            await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            _tableReady = true;
        }
    }

    private static LeaseEntity ToEntity(string name, string owner, DateTimeOffset expiresAt) =>
        new() { PartitionKey = name, Owner = owner, ExpiresAt = expiresAt };

    private static Lease ToLease(LeaseEntity entity, Response response)
    {
        var etag = response.Headers.ETag ?? throw new InvalidOperationException("The Table service returned no ETag for a lease write.");
        return new Lease(entity.PartitionKey, entity.Owner!, entity.ExpiresAt!.Value, etag.ToString());
    }
}
