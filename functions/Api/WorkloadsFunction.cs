using CostOps.Application.Catalog;
using CostOps.Application.Verdicts;
using CostOps.Functions.Api.Dtos;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CostOps.Functions.Api;

/// <summary><c>GET /api/workloads</c> (Workloads): the catalog with each workload's latest verdict (<see cref="WorkloadVerdictQuery"/>).</summary>
public sealed class WorkloadsFunction(WorkloadCatalog catalog, WorkloadVerdictQuery verdicts)
{
    [Function("Workloads")]
    public async Task<Ok<WorkloadsResponse>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "workloads")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var latest = await verdicts.AllAsync(cancellationToken);
        var statuses = catalog.Workloads.Zip(latest, Status).ToList();
        return TypedResults.Ok(new WorkloadsResponse(statuses.Count, WorkloadVerdictQuery.LookbackDays, statuses));
    }

    private static WorkloadStatus Status(WorkloadDefinition workload, WorkloadVerdict verdict)
    {
        var tco = verdict.Row?.Tco;
        return new WorkloadStatus(
            workload.Id,
            workload.DisplayName,
            workload.GpuSku,
            workload.Region,
            workload.Economics.Instances.Min,
            workload.Economics.Instances.Max,
            workload.Autopilot.Mode,
            verdict.Verdict.Name(),
            VerdictOutput.From(verdict),
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
