using System.Globalization;
using System.Text.Json;
using CostOps.Application.Requests;
using CostOps.Application.Results;
using CostOps.Domain.Autopilot;
using CostOps.Functions.Api.Dtos;
using CostOps.Functions.Api.Http;

namespace CostOps.Functions.Api;

/// <summary>
/// <c>POST /api/autopilot/plan</c> (AutopilotPlan): what the autopilot would do now, never acting or
/// writing; <c>GET /api/decisions?workloadId=&amp;since=&amp;top=</c> (Decisions): the audit trail of what it decided.
/// </summary>
public sealed class AutopilotFunctions(AutopilotPlanQuery plans, DecisionsQuery decisions)
{
    [Function("AutopilotPlan")]
    public async Task<IResult> PlanAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "autopilot/plan")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.BindAsync(request, required: false, AutopilotPlanRequest.Bind, cancellationToken);
        if (body.Problem is { } problem)
        {
            return problem;
        }
        var outcome = await plans.PlanAsync(body.Value!, cancellationToken);
        if (outcome.Value is not { } plan)
        {
            return ApiProblems.For(outcome);
        }
        var run = plan.Run;
        return TypedResults.Ok(new AutopilotPlanResponse(
            run.Day,
            run.Now,
            DecisionRecord.Kebab(run.GlobalMode),
            run.MaxActionsPerRun,
            run.ActionsAlreadyTaken,
            plan.PlannedWrites,
            plan.Workloads.Select(w => new PlannedWorkload(Output(w.Decision.ToRecord()), w.Problems, VerdictOutput.From(w.Verdict))).ToList(),
            plan.Undecided));
    }

    [Function("Decisions")]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "decisions")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var outcome = await decisions.ListAsync(
            new DecisionsRequest(request.Query["workloadId"], request.Query["since"], request.Query["top"]), cancellationToken);
        if (outcome.Value is not { } page)
        {
            return ApiProblems.For(outcome);
        }
        return TypedResults.Ok(new DecisionsResponse(page.WorkloadId, page.Since, page.Top, page.Decisions.Select(Output).ToList()));
    }

    private static StoredDecisionOutput Output(StoredDecision stored) =>
        new(
            Output(stored.Decision),
            stored.RunId,
            DecisionRecord.Kebab(stored.OutcomeStatus),
            stored.WriteSent,
            stored.CompletedAt,
            stored.Outcomes.Select(o => new ActionOutcomeOutput(
                o.ResourceId, DecisionRecord.Kebab(o.Operation), o.TargetCapacity, DecisionRecord.Kebab(o.Status), o.WriteSent,
                o.StateBefore, o.StateAfter, o.HttpStatus, o.ErrorCode, o.Message, o.StartedAt, o.CompletedAt)).ToList());

    private static DecisionOutput Output(DecisionRecord record) =>
        new(
            record.DecisionId,
            record.WorkloadId,
            DateOnly.ParseExact(record.Day, QueryText.DateFormat, CultureInfo.InvariantCulture),
            record.EvaluatedAt,
            record.Mode,
            record.Action,
            record.ProposedAction,
            record.Rule,
            record.BlockedBy.Length == 0 ? [] : record.BlockedBy.Split(','),
            record.WillAct,
            record.Reason,
            new DecisionInputsOutput(
                record.GlobalMode, record.PolicyMode, record.Band, record.ConsecutiveDays, record.CooldownHours, record.MinCompleteness,
                record.MaxPriceAgeDays, record.AllowDeallocateScarceSku, record.MinInstances, record.MaxInstances, record.MaxActionsPerRun,
                record.ActionsAlreadyTaken, record.CapacityPerInstance, record.PricesFetchedAt),
            Parse(record.TargetsJson),
            Parse(record.WindowJson));

    /// <summary>The record keeps targets and window as JSON text; the API answers them as JSON.</summary>
    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(string.IsNullOrEmpty(json) ? "[]" : json);
        return document.RootElement.Clone();
    }
}
