using CostOps.Application.Catalog;
using CostOps.Application.Nightly;
using CostOps.Application.Ports;
using CostOps.Functions.Api.Dtos;
using CostOps.Functions.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CostOps.Functions.Api;

/// <summary>
/// <c>GET /api/health</c> (Health, authLevel anonymous): storage reachable, catalog loaded, last
/// nightly run. Anonymous, so it says whether, never why in detail: no account names, URIs or
/// exception text.
/// </summary>
public sealed partial class HealthFunction(WorkloadCatalog catalog, IRunStore runs, ILogger<HealthFunction> logger)
{
    /// <summary>A health probe must answer quickly even when storage hangs (the SDK would retry for longer).</summary>
    public static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(5);

    [Function("Health")]
    public async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> CheckAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var catalogHealth = new CatalogHealth(true, catalog.Workloads.Count);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StorageTimeout);
        string? problem;
        LastRun? lastRun = null;
        try
        {
            var latest = await runs.ListAsync(NightlyTcoJob.Name, 1, timeout.Token);
            lastRun = latest.Count == 0
                ? null
                : new LastRun(latest[0].RunId, latest[0].StartedAt, latest[0].FinishedAt, TcoFunctions.StatusName(latest[0].Status));
            problem = null;
        }
        catch (Exception ex) when (StorageFailure.TryGet(ex, out var failure))
        {
            LogStorageUnhealthy(logger, ex, failure.Status);
            problem = failure.Status == 0 ? "unreachable" : $"answered {failure.Status}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            problem = $"no answer within {StorageTimeout.TotalSeconds:0} s";
        }
        if (problem is null)
        {
            return TypedResults.Ok(new HealthReport("healthy", new StorageHealth(true, null), catalogHealth, lastRun));
        }
        return TypedResults.Json(
            new HealthReport("unhealthy", new StorageHealth(false, problem), catalogHealth, null),
            ApiJsonContext.Default.HealthReport,
            statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Health: table storage failed (status {Status})")]
    private static partial void LogStorageUnhealthy(ILogger logger, Exception exception, int status);
}
