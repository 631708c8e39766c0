using CostOps.Application.Digest;
using CostOps.Application.Digest.Rendering;

namespace CostOps.Application.Requests;

/// <summary>
/// <c>GET /api/digest/preview?week=</c> as a query: the weekly digest of a week (default: the last completed one),
/// rendered in the format asked for and never posted. A week that has not started is refused naming <c>week</c>.
/// </summary>
public sealed class DigestPreviewQuery(WeeklyDigestService digests, TimeProvider time)
{
    /// <summary>The query parameter that names the week.</summary>
    public const string WeekParameter = "week";

    /// <summary>The week asked for (checked before anything else is negotiated), or the problem naming <c>week</c>.</summary>
    /// <param name="weekValues">Every value given for <c>week</c> (none, or one empty, means the last completed week).</param>
    public RequestOutcome<IsoWeek> ReadWeek(IReadOnlyList<string?> weekValues) =>
        TryReadWeek(weekValues, time.GetUtcNow(), out var week, out var problem)
            ? RequestOutcome<IsoWeek>.Ok(week)
            : RequestOutcome<IsoWeek>.Invalid(WeekParameter, problem);

    /// <summary>The digest of <paramref name="week"/> as it would be posted, without posting it.</summary>
    public Task<DigestPreview> PreviewAsync(IsoWeek week, DigestFormat format, CancellationToken cancellationToken = default) =>
        digests.PreviewAsync(week, format, cancellationToken);

    /// <summary>The week asked for, or the last completed one when none is; false with a reason for anything else.</summary>
    public static bool TryReadWeek(IReadOnlyList<string?> values, DateTimeOffset now, out IsoWeek week, out string problem)
    {
        ArgumentNullException.ThrowIfNull(values);
        problem = "";
        if (values.Count == 0 || (values.Count == 1 && string.IsNullOrEmpty(values[0])))
        {
            week = IsoWeek.LastCompleted(now);
            return true;
        }
        if (values.Count > 1)
        {
            week = default;
            problem = "Give one week, not several.";
            return false;
        }
        if (!IsoWeek.TryParse(values[0], out week))
        {
            problem = $"'{values[0]}' is not an ISO week: expected YYYY-Www with a week the year has (e.g. 2026-W47).";
            return false;
        }
        if (week.StartsAt > now)
        {
            problem = $"Week {week} has not started yet (it starts {week.Monday:yyyy-MM-dd}).";
            return false;
        }
        return true;
    }
}
