using CostOps.Application.Requests;
using CostOps.Domain.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CostOps.Functions.Api.Http;

/// <summary>
/// The RFC 9457 problems the API answers with. Every problem a caller can fix names its field in
/// <c>errors</c> (camelCase JSON path, or the query parameter, route value or header), like the
/// validation problems of ASP.NET Core.
/// </summary>
internal static class ApiProblems
{
    /// <summary>The key for problems with the body as a whole (not JSON, too large, missing).</summary>
    public const string Body = "body";

    public static ValidationProblem Invalid(IEnumerable<FieldError> errors, string? detail = null)
    {
        var list = errors.ToList();
        return TypedResults.ValidationProblem(
            Group(list),
            detail: detail ?? Summary(list),
            title: "The request is not valid.",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.1");
    }

    public static ValidationProblem Invalid(string field, string message) => Invalid([new FieldError(field, message)]);

    /// <summary>404 naming the route value or field that pointed at nothing.</summary>
    public static ProblemHttpResult NotFound(string field, string message) =>
        WithErrors(StatusCodes.Status404NotFound, "Not found.", "https://tools.ietf.org/html/rfc9110#section-15.5.5", [new FieldError(field, message)]);

    /// <summary>413: the body is over <paramref name="limit"/> bytes.</summary>
    public static ProblemHttpResult TooLarge(long limit) =>
        WithErrors(StatusCodes.Status413PayloadTooLarge, "The request body is too large.", "https://tools.ietf.org/html/rfc9110#section-15.5.14",
            [new FieldError(Body, $"must be at most {limit} bytes ({limit / 1024 / 1024} MiB)")]);

    /// <summary>415: a body that is not JSON.</summary>
    public static ProblemHttpResult NotJson(string? contentType) =>
        WithErrors(StatusCodes.Status415UnsupportedMediaType, "The request body must be JSON.", "https://tools.ietf.org/html/rfc9110#section-15.5.16",
            [new FieldError("Content-Type", $"must be application/json (was '{contentType ?? "none"}')")]);

    /// <summary>422: a well-formed request over a per-call limit.</summary>
    public static ProblemHttpResult OverLimit(IReadOnlyList<FieldError> errors, IDictionary<string, object?> limits) =>
        WithErrors(StatusCodes.Status422UnprocessableEntity, "The request is over a per-call limit.", "https://tools.ietf.org/html/rfc9110#section-15.5.21",
            errors, new Dictionary<string, object?> { ["limits"] = limits });

    /// <summary>
    /// The answer to a request the Application refused or could not carry out: 400, 404, 422 naming the fields, or
    /// 502/503 naming the upstream (<c>telemetry:&lt;source&gt;</c>, <c>table-storage</c>) with <paramref name="extensions"/>.
    /// </summary>
    public static IResult For<T>(RequestOutcome<T> outcome, IDictionary<string, object?>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        switch (outcome.Kind)
        {
            case RequestOutcomeKind.Invalid:
                return Invalid(outcome.Errors);
            case RequestOutcomeKind.NotFound:
                return NotFound(outcome.Errors[0].Field, outcome.Errors[0].Message);
            case RequestOutcomeKind.OverLimit:
                return OverLimit(outcome.Errors, outcome.Limits.ToDictionary(l => l.Key, l => (object?)l.Value));
            case RequestOutcomeKind.UpstreamFailed:
                var status = outcome.Unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway;
                var problem = new ProblemDetails
                {
                    Status = status,
                    Title = outcome.Unavailable ? "An upstream service is unavailable." : "An upstream service failed.",
                    Type = status == StatusCodes.Status502BadGateway ? "https://tools.ietf.org/html/rfc9110#section-15.6.3" : "https://tools.ietf.org/html/rfc9110#section-15.6.4",
                    Detail = string.Join("; ", outcome.Errors.Select(e => e.Message)),
                    Extensions = { ["upstream"] = outcome.Upstream, ["upstreams"] = outcome.Upstreams },
                };
                foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
                {
                    problem.Extensions[key] = value;
                }
                return TypedResults.Problem(problem);
            default:
                throw new ArgumentException($"{outcome.Kind} is not a problem", nameof(outcome));
        }
    }

    private static ProblemHttpResult WithErrors(
        int status, string title, string type, IReadOnlyList<FieldError> errors, IDictionary<string, object?>? extensions = null)
    {
        var problem = new HttpValidationProblemDetails(Group(errors))
        {
            Status = status,
            Title = title,
            Type = type,
            Detail = Summary(errors),
        };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }
        return TypedResults.Problem(problem);
    }

    private static Dictionary<string, string[]> Group(IEnumerable<FieldError> errors) =>
        errors
            .GroupBy(e => e.Field == "(document)" ? Body : e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

    private static string Summary(IReadOnlyList<FieldError> errors) =>
        string.Join("; ", errors.Select(e => $"{(e.Field == "(document)" ? Body : e.Field)}: {e.Message}"));
}
