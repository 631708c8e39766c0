using System.Globalization;
using System.Text.Json;
using CostOps.Application.Autopilot;
using CostOps.Application.Catalog;
using CostOps.Application.Json;
using CostOps.Application.Ports;
using CostOps.Application.Results;
using CostOps.Domain.Autopilot;
using CostOps.Domain.Validation;
using CostOps.Functions.Api.Dtos;
using CostOps.Functions.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CostOps.Functions.Api;

/// <summary>
/// <c>POST /api/autopilot/plan</c> (AutopilotPlan): what the autopilot would do now, never acting or
/// writing; <c>GET /api/decisions?workloadId=&amp;since=&amp;top=</c> (Decisions): the audit trail of what it decided.
/// </summary>
public sealed class AutopilotFunctions(WorkloadCatalog catalog, AutopilotPlanner planner, IDecisionStore decisions)
{
    public const int DefaultTop = 50;

    /// <summary>The Decisions store answers at most this many at once.</summary>
    public const int MaxTop = 1000;

    [Function("AutopilotPlan")]
    public async Task<Results<Ok<AutopilotPlanResponse>, ValidationProblem, ProblemHttpResult>> PlanAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "autopilot/plan")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        using var body = await JsonBody.ReadAsync(request, required: false, cancellationToken);
        if (body.Rejected is { } rejected)
        {
            return rejected;
        }
        if (body.Invalid is { } invalid)
        {
            return invalid;
        }
        var errors = new FieldErrors();
        IReadOnlyList<string>? ids = null;
        if (body.Document is { } document && JsonObjectReader.ForObject(document.RootElement, "", errors) is { } reader)
        {
            ids = reader.ReadStringArray("workloadIds");
            reader.RejectUnknownFields();
        }
        WorkloadIdsField.Check(ids, catalog, "plan every workload", errors);
        if (errors.Any)
        {
            return ApiProblems.Invalid(errors.Errors);
        }

        var plan = await planner.PlanAsync(ids, cancellationToken);
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
    public async Task<Results<Ok<DecisionsResponse>, ValidationProblem>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "decisions")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        string? workloadId = request.Query["workloadId"];
        string? since = request.Query["since"];
        string? top = request.Query["top"];
        var errors = new FieldErrors();
        var count = QueryValues.Integer(top, "top", 1, MaxTop, DefaultTop, errors);
        if (!string.IsNullOrEmpty(workloadId) && !WorkloadCatalogReader.IsWorkloadId(workloadId))
        {
            errors.Add("workloadId", $"must be a workload id: 1-63 letters, digits, '.', '_' or '-' (was '{workloadId}')");
        }
        var from = Since(since, errors);
        if (errors.Any)
        {
            return ApiProblems.Invalid(errors.Errors);
        }
        var id = string.IsNullOrEmpty(workloadId) ? null : workloadId;
        var stored = await decisions.ListAsync(id, from, count, cancellationToken);
        return TypedResults.Ok(new DecisionsResponse(id, from, count, stored.Select(Output).ToList()));
    }

    /// <summary>A day means its UTC midnight; a date-time must say its offset (a bare local time is ambiguous).</summary>
    private static DateTimeOffset? Since(string? text, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, QueryValues.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        if (text.Length > 10 && (text.EndsWith('Z') || text[^6] is '+' or '-')
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var moment))
        {
            return moment.ToUniversalTime();
        }
        errors.Add("since", $"must be a date (yyyy-MM-dd) or a date-time with an offset (e.g. 2026-11-20T01:30:00Z) (was '{text}')");
        return null;
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
            DateOnly.ParseExact(record.Day, QueryValues.DateFormat, CultureInfo.InvariantCulture),
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
