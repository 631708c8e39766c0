using CostOps.Application.Digest.Inputs;

namespace CostOps.Application.Digest;

/// <summary>
/// Reads a workload's autopilot decisions for the digest. A port of the digest's own, so that the digest does not
/// depend on how the autopilot stores decisions: today a Table reader of the documented <c>Decisions</c> layout,
/// later an adapter over the autopilot's decision store.
/// </summary>
public interface IDigestDecisionReader
{
    /// <summary>The decisions about <paramref name="workloadId"/> evaluated in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    Task<IReadOnlyList<DigestDecisionRow>> ReadAsync(
        string workloadId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
