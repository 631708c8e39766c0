using CostOps.Application.Digest.Publishing;

namespace CostOps.Application.Digest;

/// <summary>What a digest run did: the digest it built and each transport's outcome.</summary>
/// <param name="Digest">The digest built.</param>
/// <param name="Outcomes">One outcome per configured transport (empty when none is configured).</param>
public sealed record DigestRunResult(WeeklyDigest Digest, IReadOnlyList<DigestPublishOutcome> Outcomes)
{
    /// <summary>The week the run covered.</summary>
    public IsoWeek Week => Digest.Week;

    /// <summary>True when no transport failed.</summary>
    public bool Succeeded => Outcomes.All(o => o.Succeeded);
}
