using CostOps.Application.Digest.Rendering;
using CostOps.Application.Requests;
using CostOps.Functions.Api.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace CostOps.Functions.Api;

/// <summary>
/// <c>GET /api/digest/preview?week=YYYY-Www</c> (DigestPreview): the weekly digest of a week (default: the last
/// completed one) as it would be posted, without posting it: the Adaptive Card JSON or the HTML, chosen by the Accept header.
/// </summary>
public sealed class DigestFunctions(DigestPreviewQuery previews)
{
    private const string Json = "application/json";
    private const string Html = "text/html";

    [Function("DigestPreview")]
    public async Task<IResult> PreviewAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "digest/preview")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var context = request.HttpContext;
        context.Response.Headers.Vary = HeaderNames.Accept;
        var week = previews.ReadWeek(request.Query[DigestPreviewQuery.WeekParameter].ToArray());
        if (!week.IsOk)
        {
            return ApiProblems.For(week);
        }
        if (Negotiate(context.Request.Headers.Accept) is not { } format)
        {
            return TypedResults.Problem(
                detail: $"The digest preview is available as {Json} (the Adaptive Card) or {Html}; the request accepts neither ('{context.Request.Headers.Accept}').",
                statusCode: StatusCodes.Status406NotAcceptable,
                title: "Not Acceptable");
        }

        var preview = await previews.PreviewAsync(week.Value, format, cancellationToken);
        var mediaType = format == DigestFormat.Html ? Html : Json;
        return TypedResults.Content(preview.Content, $"{mediaType}; charset=utf-8");
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
