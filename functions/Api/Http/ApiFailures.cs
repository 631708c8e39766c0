using CostOps.Application.Telemetry;
using CostOps.Domain.Validation;
using Microsoft.AspNetCore.Mvc;

namespace CostOps.Functions.Api.Http;

/// <summary>
/// The one place an exception becomes an answer. Adapter failures become 502/503 naming the upstream
/// (<c>telemetry:&lt;source&gt;</c> or <c>table-storage</c>); domain validation that escaped a
/// function becomes a 400 naming the fields; a body over the limit a 413; anything else a bare 500.
/// Details never include exception text from the Azure SDK (it carries request headers and URIs),
/// connection strings or stack traces.
/// </summary>
internal static partial class ApiFailures
{
    public const string TableStorage = "table-storage";

    public static ProblemDetails Map(Exception exception, ILogger logger)
    {
        if (StorageFailure.TryGet(exception, out var storage))
        {
            LogUpstreamFailed(logger, exception, TableStorage, storage.Status);
            // Status 0: no answer at all (refused, DNS, timeout after retries). 5xx/429: the service is struggling.
            var unavailable = storage.Status is 0 or 429 or >= 500;
            var what = storage.Status == 0 ? "could not be reached" : $"answered {storage.Status}{(storage.ErrorCode is { Length: > 0 } code ? $" ({code})" : "")}";
            return Upstream(
                unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway,
                TableStorage,
                $"Table storage {what}.");
        }
        switch (exception)
        {
            case TelemetrySourceException telemetry:
            {
                LogUpstreamFailed(logger, exception, $"telemetry:{telemetry.SourceName}", telemetry.Status);
                var unavailable = telemetry.Status is 429 or 503 or null;
                return Upstream(
                    unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway,
                    $"telemetry:{telemetry.SourceName}",
                    $"The telemetry source '{telemetry.SourceName}' did not answer: {telemetry.Message}");
            }
            case DomainValidationException validation:
                return new HttpValidationProblemDetails(validation.Errors
                    .GroupBy(e => e.Field, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal))
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "The request is not valid.",
                    Detail = validation.Message,
                };
            case BadHttpRequestException bad:
                return bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [ApiProblems.Body] = ["is larger than the limit"] })
                    {
                        Status = StatusCodes.Status413PayloadTooLarge,
                        Title = "The request body is too large.",
                    }
                    : new ProblemDetails { Status = bad.StatusCode, Title = "The request could not be read." };
            default:
                LogUnexpected(logger, exception);
                return new ProblemDetails
                {
                    Status = StatusCodes.Status500InternalServerError,
                    Title = "An unexpected error occurred.",
                };
        }
    }

    private static ProblemDetails Upstream(int status, string upstream, string detail) =>
        new()
        {
            Status = status,
            Title = status == StatusCodes.Status503ServiceUnavailable ? "An upstream service is unavailable." : "An upstream service failed.",
            Detail = detail,
            Extensions = { ["upstream"] = upstream },
        };

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Upstream {Upstream} failed (status {Status})")]
    private static partial void LogUpstreamFailed(ILogger logger, Exception exception, string upstream, int? status);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "Unexpected failure handling an API request")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
