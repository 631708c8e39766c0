using CostOps.Application.Results;
using CostOps.Domain.Observed;

namespace CostOps.Application.Nightly;

/// <summary>Everything telemetry said about one workload over a range of days.</summary>
/// <param name="Days">One observation per day of the range, oldest first (unknown figures are null).</param>
/// <param name="Failures">Sources that could not answer: the workload's rows must not be written from this.</param>
/// <param name="Issues">Partial problems that only reduced completeness.</param>
public sealed record WorkloadObservations(
    string WorkloadId,
    IReadOnlyList<DailyObservation> Days,
    IReadOnlyDictionary<DateOnly, DayDetail> Details,
    IReadOnlyList<string> Failures,
    IReadOnlyList<string> Issues);

/// <summary>Per-day extras stored beside the TCO figures.</summary>
public sealed record DayDetail(double? GpuUtilizationPercent, PriceSource PriceSource, DateTimeOffset? PricesAsOf, string Completeness);
