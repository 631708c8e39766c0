using CostOps.Application.Digest;
using CostOps.Application.Digest.Rendering;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace CostOps.Functions.Api;

/// <summary>
/// <c>GET /api/digest/preview?week=YYYY-Www</c> (DigestPreview): the weekly digest of a week (default: the last
/// completed one) as it would be posted, without posting it: the Adaptive Card JSON or the HTML, chosen by the Accept header.
/// </summary>
public sealed class DigestFunctions(WeeklyDigestService digests, TimeProvider time)
{
    /// <summary>The query parameter that names the week.</summary>
    public const string WeekParameter = "week";

    private const string Json = "application/json";
    private const string Html = "text/html";

    [Function("DigestPreview")]
    public async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> PreviewAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "digest/preview")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var context = request.HttpContext;
        var now = time.GetUtcNow();
        if (!TryReadWeek(context.Request.Query[WeekParameter], now, out var week, out var problem))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [WeekParameter] = [problem] },
                title: "The week is not valid");
        }
        context.Response.Headers.Vary = HeaderNames.Accept;
        if (Negotiate(context.Request.Headers.Accept) is not { } format)
        {
            return TypedResults.Problem(
                detail: $"The digest preview is available as {Json} (the Adaptive Card) or {Html}; the request accepts neither ('{context.Request.Headers.Accept}').",
                statusCode: StatusCodes.Status406NotAcceptable,
                title: "Not Acceptable");
        }

        var preview = await digests.PreviewAsync(week, format, cancellationToken);
        var mediaType = format == DigestFormat.Html ? Html : Json;
        return TypedResults.Content(preview.Content, $"{mediaType}; charset=utf-8");
    }

    /// <summary>The week asked for, or the last completed one when none is; false with a reason for anything else.</summary>
    internal static bool TryReadWeek(StringValues values, DateTimeOffset now, out IsoWeek week, out string problem)
    {
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

    /// <summary>
    /// The form the Accept header prefers: the quality of the most specific range that matches each form decides; the
    /// card wins ties and is the answer to no Accept header. Null when neither form is acceptable or the header is unreadable.
    /// </summary>
    internal static DigestFormat? Negotiate(StringValues accept)
    {
        if (StringValues.IsNullOrEmpty(accept) || accept.All(string.IsNullOrWhiteSpace))
        {
            return DigestFormat.AdaptiveCard;
        }
        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0)
        {
            return null;
        }
        var card = Quality(ranges, "application", "json");
        var html = Quality(ranges, "text", "html");
        if (card <= 0 && html <= 0)
        {
            return null;
        }
        return html > card ? DigestFormat.Html : DigestFormat.AdaptiveCard;
    }

    private static double Quality(IList<MediaTypeHeaderValue> ranges, string type, string subtype)
    {
        var best = ranges
            .Select(range => (Range: range, Specificity: Specificity(range, type, subtype)))
            .Where(match => match.Specificity >= 0)
            .OrderByDescending(match => match.Specificity)
            .ThenByDescending(match => match.Range.Quality ?? 1)
            .FirstOrDefault();
        return best.Range is null ? 0 : best.Range.Quality ?? 1;
    }

    /// <returns>2 for type/subtype, 1 for type/*, 0 for */*, -1 when the range does not match.</returns>
    private static int Specificity(MediaTypeHeaderValue range, string type, string subtype)
    {
        if (range.MatchesAllTypes)
        {
            return 0;
        }
        if (!range.Type.Equals(type, StringComparison.OrdinalIgnoreCase))
        {
            return -1;
        }
        if (range.MatchesAllSubTypes)
        {
            return 1;
        }
        return range.SubType.Equals(subtype, StringComparison.OrdinalIgnoreCase) ? 2 : -1;
    }
}
