using Azure;
using CostOps.Application.Ports;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>
/// <see cref="ILeaseStore"/> on the <c>Leases</c> table: one entity per lease (PartitionKey = lease
/// name, RowKey = <c>lease</c>) with <c>Owner</c> and <c>ExpiresAt</c>. Races are settled by the
/// service: acquiring inserts (only one insert can succeed), taking over an expired lease or
/// renewing replaces with <c>If-Match</c> on the ETag read (only one replace can succeed).
/// </summary>
public sealed class TableLeaseStore : ILeaseStore
{
    private const string LeaseRowKey = "lease";
    private const string OwnerProperty = "Owner";
    private const string ExpiresAtProperty = "ExpiresAt";

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

            var current = await _table.GetEntityIfExistsAsync(name, LeaseRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!current.HasValue)
            {
                continue;
            }
            var existing = current.Value!;
            var heldByOther = existing.GetString(OwnerProperty) != owner && existing.GetDateTimeOffset(ExpiresAtProperty) > now;
            if (heldByOther)
            {
                return null;
            }
            try
            {
                var replaced = await _table.UpdateEntityAsync(wanted, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return ToLease(wanted, replaced);
            }
            catch (TableConcurrencyException)
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
        catch (TableConcurrencyException)
        {
            return null;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<bool> ReleaseAsync(Lease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        try
        {
            var response = await _table.DeleteEntityAsync(lease.Name, LeaseRowKey, new ETag(lease.Version), cancellationToken).ConfigureAwait(false);
            return response.Status == 204;
        }
        catch (TableConcurrencyException)
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

    private static TableEntity ToEntity(string name, string owner, DateTimeOffset expiresAt) => new(name, LeaseRowKey)
    {
        [OwnerProperty] = owner,
        [ExpiresAtProperty] = expiresAt,
    };

    private static Lease ToLease(TableEntity entity, Response response)
    {
        var etag = response.Headers.ETag ?? throw new InvalidOperationException("The Table service returned no ETag for a lease write.");
        return new Lease(entity.PartitionKey, entity.GetString(OwnerProperty)!, entity.GetDateTimeOffset(ExpiresAtProperty)!.Value, etag.ToString());
    }
}
