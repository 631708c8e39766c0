using CostOps.Application.Autopilot;
using CostOps.Application.Catalog;
using CostOps.Application.Ports;
using CostOps.Application.Results;
using CostOps.Domain.Validation;

namespace CostOps.Application.Requests;

/// <summary><c>POST /api/autopilot/plan</c> as a query: what the autopilot would do now for some workloads (all by default). Reads only.</summary>
public sealed class AutopilotPlanQuery(WorkloadCatalog catalog, AutopilotPlanner planner)
{
    /// <summary>The plan, or the problems with the workload ids.</summary>
    public async Task<RequestOutcome<AutopilotPlan>> PlanAsync(AutopilotPlanRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        WorkloadIdsField.Check(request.WorkloadIds, catalog, "plan every workload", errors);
        if (errors.Any)
        {
            return RequestOutcome<AutopilotPlan>.Invalid(errors.Errors);
        }
        return RequestOutcome<AutopilotPlan>.Ok(await planner.PlanAsync(request.WorkloadIds, cancellationToken));
    }
}

/// <summary>The query of <c>GET /api/decisions</c>, as given (query-string text; empty means not given).</summary>
public sealed record DecisionsRequest(string? WorkloadId = null, string? Since = null, string? Top = null);

/// <summary>A page of the Decisions table, newest first, with the filters that selected it.</summary>
/// <param name="WorkloadId">The workload asked for; null for every workload.</param>
/// <param name="Since">The earliest evaluation time asked for; null for all.</param>
public sealed record DecisionsPage(string? WorkloadId, DateTimeOffset? Since, int Top, IReadOnlyList<StoredDecision> Decisions);

/// <summary><c>GET /api/decisions</c> as a query: the autopilot's audit trail, filtered by workload and time.</summary>
public sealed class DecisionsQuery(IDecisionStore decisions)
{
    /// <summary>Decisions answered when <c>top</c> is not given.</summary>
    public const int DefaultTop = 50;

    /// <summary>The Decisions store answers at most this many at once.</summary>
    public const int MaxTop = 1000;

    /// <summary>The page, or the problems with the query, each naming its parameter.</summary>
    public async Task<RequestOutcome<DecisionsPage>> ListAsync(DecisionsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        var top = QueryText.WholeNumber(request.Top, "top", 1, MaxTop, DefaultTop, errors);
        var workloadId = string.IsNullOrEmpty(request.WorkloadId) ? null : request.WorkloadId;
        if (workloadId is not null && !WorkloadCatalogReader.IsWorkloadId(workloadId))
        {
            errors.Add("workloadId", $"must be a workload id: 1-63 letters, digits, '.', '_' or '-' (was '{workloadId}')");
        }
        var since = QueryText.Moment(request.Since, "since", errors);
        if (errors.Any)
        {
            return RequestOutcome<DecisionsPage>.Invalid(errors.Errors);
        }
        var stored = await decisions.ListAsync(workloadId, since, top, cancellationToken);
        return RequestOutcome<DecisionsPage>.Ok(new DecisionsPage(workloadId, since, top, stored));
    }
}
