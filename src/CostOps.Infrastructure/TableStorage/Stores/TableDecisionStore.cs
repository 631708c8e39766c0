using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CostOps.Application.Ports;
using CostOps.Application.Results;
using CostOps.Domain.Autopilot;

namespace CostOps.Infrastructure.TableStorage.Stores;

/// <summary>
/// The <c>Decisions</c> table. Two kinds of rows share each workload's partition:
/// <list type="bullet">
/// <item><b>decision</b> rows, RowKey = inverted ticks of <c>EvaluatedAt</c> + "-" + decision id (newest
/// first): every <see cref="DecisionRecord"/> field as a typed property, the run id, and the outcome
/// (<c>OutcomeStatus</c>, <c>WriteSent</c>, <c>OutcomesJson</c>, <c>CompletedAt</c>). A re-run evaluates at
/// another time, so it adds rows: the table is the audit trail of every evaluation.</item>
/// <item><b>claim</b> rows, RowKey = <c>~claim-</c> + decision id: one per decision id ever acted on, inserted
/// just before the first ARM write. Insert succeeds only once, so the service settles "has a write
/// already been sent for this decision" even between racing runs.</item>
/// </list>
/// Why claims live in the workload's partition rather than in a partition of their own (say
/// <c>by-id</c>): a reserved partition name could also be a valid workload id; the claim of a
/// decision and its row can be updated in one atomic transaction (same partition); the cooldown's
/// question, "when did we last write to this workload's resources", is one query of a small range
/// (claims are rare: one per action); and every caller already knows the workload of a decision id,
/// since the id is a hash of it. '~' sorts after the digits decision RowKeys start with, so
/// <c>RowKey lt '~'</c> selects decision rows and <c>RowKey ge '~'</c> claims; the <c>RowType</c>
/// property says the same for readers that do not filter on keys.
/// </summary>
public sealed class TableDecisionStore : IDecisionStore
{
    /// <summary>The first character of every claim RowKey; decision RowKeys all sort before it.</summary>
    public const string ClaimKeyStart = "~";

    private const string ClaimKeyPrefix = "~claim-";
    private const string DecisionRowType = "decision";
    private const string ClaimRowType = "claim";
    private const int MaxTop = 1000;

    private readonly TableClient _table;
    private readonly TimeProvider _timeProvider;

    public TableDecisionStore(TableClient table, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _table = table;
        _timeProvider = timeProvider;
    }

    public static string RowKeyOf(DecisionRecord decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return $"{InvertedTicks.For(decision.EvaluatedAt)}-{decision.DecisionId}";
    }

    public static string ClaimRowKeyOf(string decisionId) => ClaimKeyPrefix + decisionId;

    public async Task RecordAsync(IReadOnlyList<StoredDecision> decisions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        if (decisions.Count == 0)
        {
            return;
        }
        // Insert-or-replace: writing the same evaluation again (a status change before acting) replaces its row.
        await new TableBatchWriter(_table).UpsertAsync(decisions.Select(ToEntity), cancellationToken);
    }

    public async Task<bool> TryClaimAsync(StoredDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var record = decision.Decision;
        var claim = new TableEntity(record.WorkloadId, ClaimRowKeyOf(record.DecisionId))
        {
            ["RowType"] = ClaimRowType,
            ["DecisionId"] = record.DecisionId,
            ["Day"] = record.Day,
            ["RunId"] = decision.RunId,
            ["ClaimedAt"] = _timeProvider.GetUtcNow(),
            ["DecisionRowKey"] = RowKeyOf(record),
            ["TargetResourceIds"] = string.Join(";", ActingTargetIds(record)),
        };
        TableEntityValidator.ValidateForWrite(claim);
        try
        {
            await _table.AddEntityAsync(claim, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task RecordOutcomeAsync(StoredDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var record = decision.Decision;
        // The row and the claim change together or not at all: a claim must never say less than its row.
        var row = OutcomeEntity(record.WorkloadId, RowKeyOf(record), decision);
        var claim = OutcomeEntity(record.WorkloadId, ClaimRowKeyOf(record.DecisionId), decision);
        await _table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpsertMerge, row),
                new TableTransactionAction(TableTransactionActionType.UpsertMerge, claim),
            ],
            cancellationToken);
    }

    public async Task<DecisionClaim?> FindClaimAsync(string workloadId, string decisionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workloadId);
        ArgumentException.ThrowIfNullOrWhiteSpace(decisionId);
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(workloadId, ClaimRowKeyOf(decisionId), cancellationToken: cancellationToken);
        return found.HasValue ? ClaimFrom(found.Value!) : null;
    }

    public async Task<IReadOnlyList<DecisionClaim>> ListClaimsAsync(string workloadId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workloadId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {workloadId} and RowKey ge {ClaimKeyStart}");
        var claims = new List<DecisionClaim>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            claims.Add(ClaimFrom(entity));
        }
        return claims;
    }

    public async Task<IReadOnlyList<StoredDecision>> ListAsync(string? workloadId, DateTimeOffset? since, int top, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(top, MaxTop);
        var filter = (workloadId, since) switch
        {
            (null, null) => TableClient.CreateQueryFilter($"RowKey lt {ClaimKeyStart}"),
            (null, { } from) => TableClient.CreateQueryFilter($"RowKey lt {ClaimKeyStart} and EvaluatedAt ge {from}"),
            ({ } id, null) => TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey lt {ClaimKeyStart}"),
            ({ } id, { } from) => TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey lt {ClaimKeyStart} and EvaluatedAt ge {from}"),
        };
        var rows = new List<StoredDecision>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: top, cancellationToken: cancellationToken))
        {
            rows.Add(FromEntity(entity));
            // Within one partition the RowKey order is newest first, so the first rows are the answer.
            if (workloadId is not null && rows.Count >= top)
            {
                break;
            }
        }
        return rows
            .OrderByDescending(r => r.Decision.EvaluatedAt)
            .ThenBy(r => r.WorkloadId, StringComparer.Ordinal)
            .Take(top)
            .ToList();
    }

    internal static TableEntity ToEntity(StoredDecision stored)
    {
        var d = stored.Decision;
        var entity = new TableEntity(d.WorkloadId, RowKeyOf(d))
        {
            ["RowType"] = DecisionRowType,
            ["DecisionId"] = d.DecisionId,
            ["WorkloadId"] = d.WorkloadId,
            ["Day"] = d.Day,
            ["EvaluatedAt"] = d.EvaluatedAt,
            ["Mode"] = d.Mode,
            ["Action"] = d.Action,
            ["ProposedAction"] = d.ProposedAction,
            ["Rule"] = d.Rule,
            ["BlockedBy"] = d.BlockedBy,
            ["WillAct"] = d.WillAct,
            ["Reason"] = d.Reason,
            ["GlobalMode"] = d.GlobalMode,
            ["PolicyMode"] = d.PolicyMode,
            ["Band"] = d.Band,
            ["ConsecutiveDays"] = d.ConsecutiveDays,
            ["CooldownHours"] = d.CooldownHours,
            ["MinCompleteness"] = d.MinCompleteness,
            ["MaxPriceAgeDays"] = d.MaxPriceAgeDays,
            ["AllowDeallocateScarceSku"] = d.AllowDeallocateScarceSku,
            ["MinInstances"] = d.MinInstances,
            ["MaxInstances"] = d.MaxInstances,
            ["MaxActionsPerRun"] = d.MaxActionsPerRun,
            ["ActionsAlreadyTaken"] = d.ActionsAlreadyTaken,
            ["ResourceIds"] = d.ResourceIds,
            ["TargetsJson"] = d.TargetsJson,
            ["WindowJson"] = d.WindowJson,
            ["RunId"] = stored.RunId,
        };
        if (d.CapacityPerInstance is { } capacity)
        {
            entity["CapacityPerInstance"] = capacity;
        }
        if (d.PricesFetchedAt is { } fetched)
        {
            entity["PricesFetchedAt"] = fetched;
        }
        SetOutcome(entity, stored);
        return entity;
    }

    internal static StoredDecision FromEntity(TableEntity entity)
    {
        var record = new DecisionRecord(
            Text(entity, "DecisionId"),
            entity.PartitionKey,
            Text(entity, "Day"),
            entity.GetDateTimeOffset("EvaluatedAt") ?? DateTimeOffset.MinValue,
            Text(entity, "Mode"),
            Text(entity, "Action"),
            Text(entity, "ProposedAction"),
            Text(entity, "Rule"),
            Text(entity, "BlockedBy"),
            entity.GetBoolean("WillAct") ?? false,
            Text(entity, "Reason"),
            Text(entity, "GlobalMode"),
            Text(entity, "PolicyMode"),
            entity.ReadDouble("Band") ?? 0d,
            entity.GetInt32("ConsecutiveDays") ?? 0,
            entity.ReadDouble("CooldownHours") ?? 0d,
            entity.ReadDouble("MinCompleteness") ?? 0d,
            entity.ReadDouble("MaxPriceAgeDays") ?? 0d,
            entity.GetBoolean("AllowDeallocateScarceSku") ?? false,
            entity.GetInt32("MinInstances") ?? 0,
            entity.GetInt32("MaxInstances") ?? 0,
            entity.GetInt32("MaxActionsPerRun") ?? 0,
            entity.GetInt32("ActionsAlreadyTaken") ?? 0,
            entity.ReadDouble("CapacityPerInstance"),
            entity.GetDateTimeOffset("PricesFetchedAt"),
            Text(entity, "ResourceIds"),
            Text(entity, "TargetsJson"),
            Text(entity, "WindowJson"));
        return new StoredDecision(
            record,
            Text(entity, "RunId"),
            DecisionOutcomesJson.ParseKebab<DecisionOutcomeStatus>(entity.GetString("OutcomeStatus") ?? "pending"),
            entity.GetBoolean("WriteSent") ?? false,
            DecisionOutcomesJson.Read(entity.GetString("OutcomesJson")),
            entity.GetDateTimeOffset("CompletedAt"));
    }

    private static TableEntity OutcomeEntity(string workloadId, string rowKey, StoredDecision stored)
    {
        var entity = new TableEntity(workloadId, rowKey);
        SetOutcome(entity, stored);
        return entity;
    }

    private static void SetOutcome(TableEntity entity, StoredDecision stored)
    {
        entity["OutcomeStatus"] = DecisionRecord.Kebab(stored.OutcomeStatus);
        entity["WriteSent"] = stored.WriteSent;
        entity["OutcomesJson"] = DecisionOutcomesJson.Write(stored.Outcomes);
        if (stored.CompletedAt is { } completed)
        {
            entity["CompletedAt"] = completed;
        }
    }

    private static DecisionClaim ClaimFrom(TableEntity entity)
    {
        var targets = entity.GetString("TargetResourceIds");
        var outcomes = entity.GetString("OutcomesJson");
        return new DecisionClaim(
            entity.PartitionKey,
            Text(entity, "DecisionId"),
            DateOnly.ParseExact(Text(entity, "Day"), "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Text(entity, "RunId"),
            entity.GetDateTimeOffset("ClaimedAt") ?? DateTimeOffset.MinValue,
            string.IsNullOrEmpty(targets) ? [] : targets.Split(';'),
            outcomes is null ? null : DecisionOutcomesJson.Read(outcomes));
    }

    /// <summary>The resources a decision's acting targets name, read back from its targets JSON.</summary>
    private static IEnumerable<string> ActingTargetIds(DecisionRecord record)
    {
        using var targets = System.Text.Json.JsonDocument.Parse(record.TargetsJson);
        return targets.RootElement.EnumerateArray()
            .Where(t => t.GetProperty("status").GetString() == DecisionRecord.Kebab(TargetStatus.Act))
            .Select(t => t.GetProperty("resourceId").GetString()!)
            .ToList();
    }

    private static string Text(TableEntity entity, string name) => entity.GetString(name) ?? "";
}
