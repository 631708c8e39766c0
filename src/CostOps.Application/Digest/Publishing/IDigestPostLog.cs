namespace CostOps.Application.Digest.Publishing;

/// <summary>
/// Remembers which transports have delivered which week, so a re-run of the same week posts nothing twice, and
/// settles races: a run claims a (week, transport) before sending, and only one claim can succeed. The Table
/// Storage implementation (<c>DigestPosts</c>) makes that hold across processes; <see cref="InMemoryDigestPostLog"/>
/// within one process.
/// </summary>
public interface IDigestPostLog
{
    /// <summary>Whether <paramref name="transport"/> has delivered <paramref name="week"/>.</summary>
    Task<bool> HasBeenPostedAsync(IsoWeek week, string transport, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims the delivery of <paramref name="week"/> through <paramref name="transport"/> for the caller, identified by
    /// <paramref name="claimId"/>. Only one of several concurrent callers gets <see cref="DigestPostClaim.Claimed"/>;
    /// it must then call <see cref="MarkPostedAsync"/> after delivering or <see cref="ReleaseAsync"/> after failing.
    /// </summary>
    Task<DigestPostClaim> TryClaimAsync(IsoWeek week, string transport, string claimId, CancellationToken cancellationToken = default);

    /// <summary>Records that <paramref name="transport"/> delivered <paramref name="week"/> at <paramref name="postedAt"/> (completes a claim).</summary>
    Task MarkPostedAsync(IsoWeek week, string transport, DateTimeOffset postedAt, CancellationToken cancellationToken = default);

    /// <summary>Gives up the claim <paramref name="claimId"/> after a failed delivery, so a later run tries again; a no-op for anyone else's claim or a posted week.</summary>
    Task ReleaseAsync(IsoWeek week, string transport, string claimId, CancellationToken cancellationToken = default);
}
