using CostOps.Application.Digest.Inputs;

namespace CostOps.Application.Digest;

/// <summary>Sums of daily rows: requests and USD money over a set of workload-days.</summary>
/// <param name="SelfHostedRequests">Requests served by self-hosted models.</param>
/// <param name="ApiRoutedRequests">Requests sent to paid APIs.</param>
/// <param name="SelfHostedCost">Self-hosted cost, USD.</param>
/// <param name="ApiEquivalentCost">What the self-hosted traffic would have cost on the API, USD.</param>
/// <param name="ApiActualCost">What the API-routed traffic cost, USD.</param>
/// <param name="Savings">Sum of the rows' savings, USD (positive: self-hosting was cheaper).</param>
public sealed record DigestTotals(
    long SelfHostedRequests,
    long ApiRoutedRequests,
    decimal SelfHostedCost,
    decimal ApiEquivalentCost,
    decimal ApiActualCost,
    decimal Savings)
{
    /// <summary>Nothing.</summary>
    public static DigestTotals Zero { get; } = new(0, 0, 0m, 0m, 0m, 0m);

    /// <summary>All requests: self-hosted plus API-routed.</summary>
    public long Requests => SelfHostedRequests + ApiRoutedRequests;

    /// <summary>Sums the rows exactly as stored (savings are added up, not recomputed).</summary>
    public static DigestTotals Sum(IEnumerable<DigestDailyRow> rows)
    {
        var total = Zero;
        foreach (var row in rows)
        {
            total = total.Add(new DigestTotals(
                row.SelfHostedRequests, row.ApiRoutedRequests, row.SelfHostedCost, row.ApiEquivalentCost, row.ApiActualCost, row.Savings));
        }
        return total;
    }

    /// <summary>Sums totals (e.g. workloads into the portfolio).</summary>
    public static DigestTotals Sum(IEnumerable<DigestTotals> totals) => totals.Aggregate(Zero, (sum, next) => sum.Add(next));

    /// <summary>This plus <paramref name="other"/>.</summary>
    public DigestTotals Add(DigestTotals other) => new(
        SelfHostedRequests + other.SelfHostedRequests,
        ApiRoutedRequests + other.ApiRoutedRequests,
        SelfHostedCost + other.SelfHostedCost,
        ApiEquivalentCost + other.ApiEquivalentCost,
        ApiActualCost + other.ApiActualCost,
        Savings + other.Savings);
}
