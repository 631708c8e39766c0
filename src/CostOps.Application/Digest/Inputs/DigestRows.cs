namespace CostOps.Application.Digest.Inputs;

/// <summary>Everything the digest source returned for a range of days.</summary>
/// <param name="Days">Daily rows whose day is in the range.</param>
/// <param name="Decisions">Decisions made in the range (UTC).</param>
/// <param name="Runs">Job runs started in the range (UTC).</param>
public sealed record DigestRows(
    IReadOnlyList<DigestDailyRow> Days,
    IReadOnlyList<DigestDecisionRow> Decisions,
    IReadOnlyList<DigestRunRow> Runs)
{
    /// <summary>No rows at all.</summary>
    public static DigestRows Empty { get; } = new([], [], []);
}
