using CostOps.Application.Results;

namespace CostOps.Application.Digest;

/// <summary>
/// Sums of stored daily rows over a set of workload-days, USD. Each figure adds the days where it is known and is
/// null when no day knows it: an unknown figure is never summed as zero, and never shown as $0.00.
/// </summary>
/// <param name="SelfHostedRequests">Requests served by self-hosted models.</param>
/// <param name="ApiRoutedRequests">Requests sent to paid APIs.</param>
/// <param name="SelfHostedCost">Self-hosted cost, USD.</param>
/// <param name="ApiEquivalentCost">What the self-hosted traffic would have cost on the API, USD.</param>
/// <param name="ApiActualCost">What the API-routed traffic cost, USD.</param>
/// <param name="Savings">Sum of the rows' savings, USD (positive: self-hosting was cheaper).</param>
public sealed record DigestTotals(
    long? SelfHostedRequests,
    long? ApiRoutedRequests,
    decimal? SelfHostedCost,
    decimal? ApiEquivalentCost,
    decimal? ApiActualCost,
    decimal? Savings)
{
    /// <summary>Nothing known.</summary>
    public static DigestTotals Unknown { get; } = new(null, null, null, null, null, null);

    /// <summary>All requests: self-hosted plus API-routed; null when neither is known.</summary>
    public long? Requests => Add(SelfHostedRequests, ApiRoutedRequests);

    /// <summary>Sums the rows exactly as stored (savings are added up, not recomputed).</summary>
    public static DigestTotals Sum(IEnumerable<DailyTcoRecord> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var total = Unknown;
        foreach (var row in rows)
        {
            var tco = row.Tco;
            total = total.Add(new DigestTotals(
                Count(tco.Requests), Count(tco.ApiRequests), tco.SelfHostedCost?.Usd, tco.ApiEquivalentCost?.Usd, tco.ApiActualCost?.Usd, tco.Savings?.Usd));
        }
        return total;
    }

    /// <summary>Sums totals (e.g. workloads into the portfolio).</summary>
    public static DigestTotals Sum(IEnumerable<DigestTotals> totals) => totals.Aggregate(Unknown, (sum, next) => sum.Add(next));

    /// <summary>This plus <paramref name="other"/>, figure by figure (known plus unknown is the known one).</summary>
    public DigestTotals Add(DigestTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(
            Add(SelfHostedRequests, other.SelfHostedRequests),
            Add(ApiRoutedRequests, other.ApiRoutedRequests),
            Add(SelfHostedCost, other.SelfHostedCost),
            Add(ApiEquivalentCost, other.ApiEquivalentCost),
            Add(ApiActualCost, other.ApiActualCost),
            Add(Savings, other.Savings));
    }

    private static long? Count(decimal? count) => count is { } n ? (long)Math.Round(n, MidpointRounding.AwayFromZero) : null;

    private static long? Add(long? a, long? b) => a is null ? b : b is null ? a : a + b;

    private static decimal? Add(decimal? a, decimal? b) => a is null ? b : b is null ? a : a + b;
}
