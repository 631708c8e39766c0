namespace CostOps.Application.Digest.Inputs;

/// <summary>
/// One workload-day of observed TCO, as the nightly job stores it (table <c>DailyTco</c>), reduced to
/// what the weekly digest reports. Money is USD. Definitions: docs/economics.md, "The nightly rows".
/// </summary>
/// <param name="WorkloadId">The workload's id from the catalog (the table's partition key).</param>
/// <param name="Day">The UTC day the figures cover.</param>
/// <param name="SelfHostedRequests">Requests served by the self-hosted model that day.</param>
/// <param name="ApiRoutedRequests">Requests of this workload sent to the paid API that day.</param>
/// <param name="SelfHostedCost">GPU cost + recurring + retraining + amortized one-off share, USD.</param>
/// <param name="ApiEquivalentCost">What the self-hosted traffic would have cost on the API option, USD.</param>
/// <param name="ApiActualCost">What the API-routed traffic did cost, USD.</param>
/// <param name="Savings">ApiEquivalentCost - SelfHostedCost, USD (positive: self-hosting was cheaper).</param>
/// <param name="BreakEvenRequestsPerMonth">Break-even volume R*; null when self-hosting never breaks even at these prices, or when it is unknown (<see cref="BreakEvenUnknown"/>).</param>
/// <param name="DemandRatio">Projected monthly demand / break-even; null when either is unknown.</param>
/// <param name="Completeness">Share (0..1) of the expected telemetry points that were present.</param>
/// <param name="CapacityExceeded">True when the demand needed more instances than the policy's maximum.</param>
/// <param name="CostBasis">Whether the GPU cost is the billed amortized cost or an estimate.</param>
/// <param name="PricesFetchedAt">When the prices used for the day were fetched.</param>
public sealed record DigestDailyRow(
    string WorkloadId,
    DateOnly Day,
    long SelfHostedRequests,
    long ApiRoutedRequests,
    decimal SelfHostedCost,
    decimal ApiEquivalentCost,
    decimal ApiActualCost,
    decimal Savings,
    decimal? BreakEvenRequestsPerMonth,
    decimal? DemandRatio,
    double Completeness,
    bool CapacityExceeded,
    DailyCostBasis CostBasis,
    DateTimeOffset PricesFetchedAt)
{
    // Validated in the constructor (initializers) and in with-expressions (init accessors) alike.

    /// <summary>The workload's id; never empty.</summary>
    public string WorkloadId { get; init => field = CheckId(value, nameof(WorkloadId)); } = CheckId(WorkloadId, nameof(WorkloadId));

    /// <summary>Requests served by the self-hosted model; never negative.</summary>
    public long SelfHostedRequests { get; init => field = CheckCount(value, nameof(SelfHostedRequests)); } = CheckCount(SelfHostedRequests, nameof(SelfHostedRequests));

    /// <summary>Requests sent to the API; never negative.</summary>
    public long ApiRoutedRequests { get; init => field = CheckCount(value, nameof(ApiRoutedRequests)); } = CheckCount(ApiRoutedRequests, nameof(ApiRoutedRequests));

    /// <summary>
    /// True when the day's break-even could not be computed (too little telemetry for a profile), as opposed to
    /// "never breaks even": a null <see cref="BreakEvenRequestsPerMonth"/> then means unknown, and the workload has no verdict.
    /// </summary>
    public bool BreakEvenUnknown { get; init; }

    /// <summary>Share of expected telemetry present, 0..1.</summary>
    public double Completeness { get; init => field = CheckShare(value, nameof(Completeness)); } = CheckShare(Completeness, nameof(Completeness));

    private static string CheckId(string id, string name) =>
        !string.IsNullOrWhiteSpace(id) ? id : throw new ArgumentException("A daily row needs a workload id.", name);

    private static long CheckCount(long count, string name) =>
        count >= 0 ? count : throw new ArgumentOutOfRangeException(name, count, "Request counts cannot be negative.");

    private static double CheckShare(double share, string name) =>
        share is >= 0 and <= 1 ? share : throw new ArgumentOutOfRangeException(name, share, "Completeness is a share between 0 and 1.");
}
