using CostOps.Domain.Time;
using CostOps.Domain.Validation;

namespace CostOps.Application.Nightly;

/// <summary>Which workloads and days to (re)compute, and who asked.</summary>
/// <param name="WorkloadIds">Null or empty: every workload of the catalog.</param>
/// <param name="Days">Whole past UTC days only (<see cref="PastDays"/>); a day that has not ended is refused.</param>
/// <param name="FromField">The caller's name for the first day, used in a refusal (<c>from</c> in the API, <c>--from</c> in the CLI).</param>
/// <param name="ToField">The caller's name for the last day.</param>
public sealed record TcoRunRequest(
    IReadOnlyList<string>? WorkloadIds,
    DayRange Days,
    string Trigger,
    string Job = NightlyTcoJob.Name,
    string FromField = "from",
    string ToField = "to")
{
    /// <summary>Every problem of the request's days at <paramref name="time"/>: days that have not ended yet, each naming its field and the last computable day.</summary>
    public IReadOnlyList<FieldError> CheckDays(TimeProvider time) => PastDays.Check(Days, DayRange.Yesterday(time), FromField, ToField);
}

/// <summary>How one workload fared in a run.</summary>
public sealed record WorkloadOutcome(string WorkloadId, bool Succeeded, int RowsWritten, IReadOnlyList<string> Problems)
{
    /// <summary>Days of the run whose stored row has no data (no source answered, <see cref="Domain.Observed.DailyTco.HasData"/>), oldest first.</summary>
    public IReadOnlyList<DateOnly> DaysWithoutData { get; init; } = [];

    /// <summary>
    /// True when the workload's rows were stored but not one day of the run had data: the sources answered nothing,
    /// so the run did not learn anything about it (and is not "succeeded" for it).
    /// </summary>
    public bool HadNoData => Succeeded && RowsWritten > 0 && DaysWithoutData.Count == RowsWritten;
}

/// <summary>Progress of a run, for progress bars: <paramref name="Done"/> of <paramref name="Total"/> workload-days.</summary>
public sealed record TcoProgress(int Done, int Total, string LastWorkloadId);
