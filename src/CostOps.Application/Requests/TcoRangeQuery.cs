using CostOps.Application.Catalog;
using CostOps.Application.Ports;
using CostOps.Application.Results;
using CostOps.Domain.Time;
using CostOps.Domain.Validation;

namespace CostOps.Application.Requests;

/// <summary>The query of <c>GET /api/tco/{workloadId}</c>, as given (query-string text; empty means not given).</summary>
public sealed record TcoRangeRequest(string WorkloadId, string? From = null, string? To = null);

/// <summary>A workload's stored rows over the days asked for, oldest first.</summary>
/// <param name="LastNight">The newest night that can have data (yesterday, UTC): later days of the range are not "without data" yet.</param>
public sealed record TcoRange(string WorkloadId, DayRange Days, IReadOnlyList<DailyTcoRecord> Rows, DateOnly LastNight);

/// <summary>
/// <c>GET /api/tco/{workloadId}</c> as a query: the workload must be in the catalog; <c>to</c> defaults to yesterday
/// (or to <c>from</c> when that is later), <c>from</c> to the <see cref="DefaultReadDays"/> days ending on <c>to</c>;
/// one read covers at most <see cref="MaxReadDays"/> days.
/// </summary>
public sealed class TcoRangeQuery(WorkloadCatalog catalog, IDailyTcoStore store, TimeProvider time)
{
    /// <summary>Days one read may cover.</summary>
    public const int MaxReadDays = 366;

    /// <summary>Days a read covers when <c>from</c> is not given.</summary>
    public const int DefaultReadDays = 30;

    /// <summary>The stored rows, or the problems with the request, each naming its parameter.</summary>
    public async Task<RequestOutcome<TcoRange>> ReadAsync(TcoRangeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (catalog.Find(request.WorkloadId) is null)
        {
            return RequestOutcome<TcoRange>.NotFound("workloadId", $"'{request.WorkloadId}' is not in the workload catalog");
        }
        var errors = new FieldErrors();
        var first = QueryText.Date(request.From, "from", errors);
        var last = QueryText.Date(request.To, "to", errors);
        if (errors.Any)
        {
            return RequestOutcome<TcoRange>.Invalid(errors.Errors);
        }
        var yesterday = DayRange.Yesterday(time);
        last ??= first is { } f && f > yesterday ? f : yesterday;
        // Near the calendar's first day the default window starts at that day (found by fuzzing to=0001-01-01: it threw).
        first ??= last.Value.DayNumber >= DefaultReadDays - 1 ? last.Value.AddDays(1 - DefaultReadDays) : DateOnly.MinValue;
        if (first > last)
        {
            return RequestOutcome<TcoRange>.Invalid("from", $"must be on or before to ({last:yyyy-MM-dd}) (was {first:yyyy-MM-dd})");
        }
        var days = new DayRange(first.Value, last.Value);
        if (days.Days > MaxReadDays)
        {
            return RequestOutcome<TcoRange>.Invalid("to", $"the range {days} covers {days.Days} days; at most {MaxReadDays} days per call");
        }
        var rows = await store.GetRangeAsync(request.WorkloadId, days, cancellationToken);
        return RequestOutcome<TcoRange>.Ok(new TcoRange(request.WorkloadId, days, rows, yesterday));
    }
}
