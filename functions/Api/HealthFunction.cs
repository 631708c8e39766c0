using CostOps.Application.Catalog;
using CostOps.Application.Health;
using CostOps.Application.Results;
using CostOps.Functions.Api.Dtos;
using CostOps.Functions.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CostOps.Functions.Api;

/// <summary>
/// <c>GET /api/health</c> (Health, authLevel anonymous): storage reachable, catalog loaded, each job's last run
/// per trigger, and whether the scheduled nightly is fresh (degraded after 26 hours without a success). Anonymous, so it says whether, never why in detail: no account names, URIs or
/// exception text.
/// </summary>
public sealed partial class HealthFunction(WorkloadCatalog catalog, RunHealth runHealth, ILogger<HealthFunction> logger)
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
        RunHealthReport? report = null;
        try
        {
            report = await runHealth.CheckAsync(timeout.Token);
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
        if (report is not null)
        {
            return TypedResults.Ok(new HealthReport(
                report.IsDegraded ? "degraded" : "healthy",
                new StorageHealth(true, null),
                catalogHealth,
                Last(report.LastScheduledNightly),
                Last(report.LastSucceededNightly),
                report.LatestRuns.Select(run => new JobRun(run.Job, run.Trigger, run.RunId, run.StartedAt, run.FinishedAt, TcoFunctions.StatusName(run.Status))).ToList(),
                report.Problems));
        }
        return TypedResults.Json(
            new HealthReport("unhealthy", new StorageHealth(false, problem), catalogHealth, null, null, [], [$"table storage {problem}"]),
            ApiJsonContext.Default.HealthReport,
            statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static LastRun? Last(RunRecord? run) =>
        run is null ? null : new LastRun(run.RunId, run.StartedAt, run.FinishedAt, TcoFunctions.StatusName(run.Status));

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Health: table storage failed (status {Status})")]
    private static partial void LogStorageUnhealthy(ILogger logger, Exception exception, int status);
}
