namespace CostOps.Application.Digest.Publishing;

/// <summary>
/// Remembers which transports have delivered which week, so a re-run of the same week posts nothing twice.
/// <see cref="InMemoryDigestPostLog"/> serves until the Table Storage implementation exists.
/// </summary>
public interface IDigestPostLog
{
    /// <summary>Whether <paramref name="transport"/> has delivered <paramref name="week"/>.</summary>
    Task<bool> HasBeenPostedAsync(IsoWeek week, string transport, CancellationToken cancellationToken = default);

    /// <summary>Records that <paramref name="transport"/> delivered <paramref name="week"/> at <paramref name="postedAt"/>.</summary>
    Task MarkPostedAsync(IsoWeek week, string transport, DateTimeOffset postedAt, CancellationToken cancellationToken = default);
}
