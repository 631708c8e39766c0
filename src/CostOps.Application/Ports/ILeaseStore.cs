namespace CostOps.Application.Ports;

/// <summary>
/// Named, time-limited, exclusive leases, so only one instance acts at a time (e.g. one autopilot
/// pausing or resuming GPU VMs). Implementations must be safe under concurrency: when several
/// callers race for the same lease, exactly one wins. Time comes from the store's
/// <see cref="TimeProvider"/>; a lease is free once its expiry has passed.
/// </summary>
public interface ILeaseStore
{
    /// <summary>
    /// Takes the lease if it is free, expired, or already held by <paramref name="owner"/> (which
    /// extends it).
    /// </summary>
    /// <param name="name">The lease name.</param>
    /// <param name="owner">Who asks for it.</param>
    /// <param name="duration">How long the lease lasts unless renewed.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The held lease, or null when someone else holds it or won a race for it.</returns>
    Task<Lease?> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Extends a lease that is still this holder's (nobody took it over since <paramref name="lease"/> was issued).</summary>
    /// <returns>The renewed lease, or null when the lease was lost.</returns>
    Task<Lease?> TryRenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Gives a lease up so others can take it at once.</summary>
    /// <returns>True if it was released; false if it had already been lost or released.</returns>
    Task<bool> ReleaseAsync(Lease lease, CancellationToken cancellationToken = default);
}
