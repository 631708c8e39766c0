using CostOps.Application.Catalog;
using CostOps.Application.Ports;
using CostOps.Application.Results;
using CostOps.Domain.Time;
using CostOps.Functions.Api.Dtos;
using CostOps.Functions.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CostOps.Functions.Api;

/// <summary><c>GET /api/workloads</c> (Workloads): the catalog with each workload's latest status.</summary>
public sealed class WorkloadsFunction(WorkloadCatalog catalog, IDailyTcoStore store, TimeProvider time)
{
    /// <summary>How far back the latest row is looked for: a month, like the digest's horizon.</summary>
    public const int LookbackDays = 31;

    // Hundreds of workloads are one small range query each; a few at a time keeps storage calm.
    private const int MaxParallelReads = 8;

    [Function("Workloads")]
    public async Task<Ok<WorkloadsResponse>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "workloads")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var window = DayRange.Trailing(QueryValues.Today(time), LookbackDays);
        var workloads = catalog.Workloads;
        var latest = new DailyTcoRecord?[workloads.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, workloads.Count),
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelReads, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var rows = await store.GetRangeAsync(workloads[index].Id, window, token);
                latest[index] = rows.Count > 0 ? rows[^1] : null;
            });
        var statuses = workloads.Select((workload, index) => Status(workload, latest[index])).ToList();
        return TypedResults.Ok(new WorkloadsResponse(statuses.Count, LookbackDays, statuses));
    }

    private static WorkloadStatus Status(WorkloadDefinition workload, DailyTcoRecord? row)
    {
        var tco = row?.Tco;
        return new WorkloadStatus(
            workload.Id,
            workload.DisplayName,
            workload.GpuSku,
            workload.Region,
            workload.Economics.Instances.Min,
            workload.Economics.Instances.Max,
            workload.Autopilot.Mode,
            Verdicts.For(tco),
            tco is null
                ? null
                : new WorkloadLatest(
                    tco.Day,
                    ApiNumbers.Round(tco.DemandRatio, ApiNumbers.Ratio),
                    ApiNumbers.Round(tco.BreakEvenRequestsPerMonth, ApiNumbers.Volume),
                    tco.NeverBreaksEven,
                    ApiNumbers.Round(tco.Savings?.Usd, ApiNumbers.Money),
                    ApiNumbers.Round(tco.Completeness, ApiNumbers.Ratio)));
    }
}
