using CostOps.Application.Digest.Inputs;

namespace CostOps.Application.Digest;

/// <summary>
/// Reads the stored rows a digest summarizes. The Table Storage adapter implements it over
/// <c>DailyTco</c>, <c>Decisions</c> and <c>Runs</c>; tests and the CLI demo use in-memory rows.
/// </summary>
public interface IDigestSource
{
    /// <summary>
    /// Reads the daily rows for days <paramref name="firstDay"/>..<paramref name="lastDay"/> (inclusive) and the
    /// decisions and runs from <paramref name="firstDay"/> 00:00 UTC up to (excluding) the day after <paramref name="lastDay"/>.
    /// </summary>
    Task<DigestRows> ReadAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken = default);
}
