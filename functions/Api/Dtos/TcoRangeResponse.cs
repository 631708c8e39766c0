namespace CostOps.Functions.Api.Dtos;

/// <summary>The answer of <c>GET /api/tco/{workloadId}</c>: the stored rows of the range, oldest first, and a summary of them.</summary>
public sealed record TcoRangeResponse(string WorkloadId, DateOnly From, DateOnly To, TcoSummary Summary, IReadOnlyList<DailyTcoRow> Rows);

/// <summary>The range at a glance.</summary>
/// <param name="Days">Days in the range.</param>
/// <param name="DaysWithRows">Days with a stored row.</param>
/// <param name="DaysMissing">Days of the range without a stored row, oldest first.</param>
/// <param name="Latest">The latest night of the range with a verdict (with data and a demand ratio, or never breaks even); null when none has.</param>
/// <param name="Verdict">The range's latest verdict with its night and the newer nights of the range that lack data (as <c>GET /api/workloads</c> reports it).</param>
/// <param name="Completeness">Telemetry completeness over the stored rows; null when there are none.</param>
public sealed record TcoSummary(
    int Days,
    int DaysWithRows,
    IReadOnlyList<DateOnly> DaysMissing,
    TcoTotals Totals,
    TcoLatest? Latest,
    VerdictOutput Verdict,
    CompletenessSummary? Completeness);

/// <summary>
/// Sums over the stored rows. Each total adds the rows where that figure is known and is null when
/// no row knows it; savings add only the days where both costs are known (<c>daysWithSavings</c>).
/// </summary>
public sealed record TcoTotals(
    decimal? Requests,
    decimal? ApiRequests,
    decimal? SelfHostedCostUsd,
    decimal? ApiEquivalentCostUsd,
    decimal? ApiActualCostUsd,
    decimal? SavingsUsd,
    int DaysWithSavings);

/// <summary>Where the workload stood on the latest day with a verdict.</summary>
/// <param name="Verdict"><c>above-break-even</c> (self-hosting pays), <c>below-break-even</c> (the API would be cheaper) or <c>never-breaks-even</c>.</param>
public sealed record TcoLatest(DateOnly Day, decimal? BreakEvenRequestsPerMonth, decimal? DemandRatio, bool NeverBreaksEven, string Verdict);

/// <summary>Completeness (0..1) of the stored rows.</summary>
public sealed record CompletenessSummary(decimal Min, decimal Average);
