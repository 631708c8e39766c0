using System.Globalization;
using Azure.Data.Tables;
using CostOps.Application.Digest;
using CostOps.Application.Digest.Inputs;

namespace CostOps.Infrastructure.TableStorage.Stores;

/// <summary>
/// Reads the digest's view of the <c>Decisions</c> table: PartitionKey = workload id; decision rows have RowKey =
/// inverted ticks of <c>EvaluatedAt</c> + "-" + decision id (newest first) and the flat <c>DecisionRecord</c> fields
/// as properties (<c>EvaluatedAt</c>, <c>Mode</c>, <c>Action</c>, <c>ProposedAction</c>, <c>BlockedBy</c>,
/// <c>Reason</c> ...; enum values kebab-case) with the outcome in <c>OutcomeStatus</c>. The autopilot's claim rows
/// share the partition (RowKey <c>~claim-...</c>, <c>RowType</c> <c>claim</c>); the RowKey range leaves them out,
/// and any row that is not a decision is skipped.
/// </summary>
/// <remarks>
/// The digest's own reader of the layout the autopilot's decision store writes (branch autopilot-run at the time);
/// once that store is on main, an adapter over <c>IDecisionStore</c> can replace this class behind
/// <see cref="IDigestDecisionReader"/>.
/// </remarks>
public sealed class TableDigestDecisionReader(TableClient table) : IDigestDecisionReader
{
    // The RowKey's ticks and EvaluatedAt may come from different clock readings of the same run: query a margin
    // wider than the range and filter on EvaluatedAt, which is what the digest reports.
    private static readonly TimeSpan RowKeyMargin = TimeSpan.FromDays(1);

    /// <inheritdoc />
    public async Task<IReadOnlyList<DigestDecisionRow>> ReadAsync(
        string workloadId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workloadId);
        var (first, last) = InvertedTicksRange.Of(from - RowKeyMargin, to + RowKeyMargin);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {workloadId} and RowKey ge {first} and RowKey lt {last}");
        var decisions = new List<DigestDecisionRow>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (FromEntity(entity) is { } decision && decision.DecidedAt >= from && decision.DecidedAt < to)
            {
                decisions.Add(decision);
            }
        }
        return decisions.OrderBy(d => d.DecidedAt).ToList();
    }

    /// <summary>The digest's reading of one row; null for a row that is not a decision or repeats an action taken before.</summary>
    /// <exception cref="InvalidDataException">A decision row with a value the digest does not know, naming the row.</exception>
    internal static DigestDecisionRow? FromEntity(TableEntity entity)
    {
        if (entity.GetString("RowType") is { } rowType && rowType != "decision")
        {
            return null;
        }
        if (entity.GetDateTimeOffset("EvaluatedAt") is not { } evaluatedAt || entity.GetString("Action") is not { } actionText)
        {
            return null;
        }
        var action = Parse(entity, "Action", actionText, ParseAction);
        var mode = Parse(entity, "Mode", entity.GetString("Mode") ?? "", ParseMode);
        var proposed = entity.GetString("ProposedAction") is { Length: > 0 } proposedText ? Parse(entity, "ProposedAction", proposedText, ParseAction) : action;
        var status = Parse(entity, "OutcomeStatus", entity.GetString("OutcomeStatus") ?? "pending", ParseStatus);
        if (status == Status.AlreadyActed)
        {
            // A re-evaluation of a decision an earlier run acted on: that run's row reports the action.
            return null;
        }

        // A guardrail that turned a proposed action into a hold is what the digest calls a blocked action.
        var blocked = action == DecisionAction.Hold && proposed != DecisionAction.Hold && !string.IsNullOrWhiteSpace(entity.GetString("BlockedBy"));
        var outcome = status switch
        {
            Status.Succeeded => DecisionOutcome.Succeeded,
            Status.Failed => DecisionOutcome.Failed,
            _ when blocked => DecisionOutcome.Blocked,
            _ => DecisionOutcome.Planned,
        };
        return new DigestDecisionRow(entity.PartitionKey, evaluatedAt, blocked ? proposed : action, mode, entity.GetString("Reason") ?? "", outcome);
    }

    private static T Parse<T>(TableEntity entity, string property, string text, Func<string, T?> parse)
        where T : struct =>
        parse(Normalize(text)) ?? throw new InvalidDataException(
            $"Decisions row (PartitionKey '{entity.PartitionKey}', RowKey '{entity.RowKey}') has {property} '{text}', which the digest does not know.");

    // "scale-up", "ScaleUp" and "scale_up" are the same value.
    private static string Normalize(string text) =>
        text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLower(CultureInfo.InvariantCulture);

    private static DecisionAction? ParseAction(string text) => text switch
    {
        "hold" => DecisionAction.Hold,
        "pause" => DecisionAction.Pause,
        "resume" => DecisionAction.Resume,
        "scaleup" => DecisionAction.ScaleUp,
        "scaledown" => DecisionAction.ScaleDown,
        _ => null,
    };

    private static DecisionMode? ParseMode(string text) => text switch
    {
        "off" => DecisionMode.Off,
        "dryrun" => DecisionMode.DryRun,
        "enforce" => DecisionMode.Enforce,
        _ => null,
    };

    private static Status? ParseStatus(string text) => text switch
    {
        // Pending: recorded before acting, outcome not written (yet); not-acted: the run could not act (lease lost,
        // cancelled) and nothing was sent. Both are decided but not carried out, which the digest calls planned.
        "pending" or "hold" or "dryrun" or "notacted" => Status.NotCarriedOut,
        "succeeded" => Status.Succeeded,
        // Part of the action failed: that needs a human as much as a whole failure.
        "failed" or "partial" => Status.Failed,
        "alreadyacted" => Status.AlreadyActed,
        _ => null,
    };

    /// <summary>The <c>OutcomeStatus</c> values, as far as the digest tells them apart.</summary>
    private enum Status
    {
        NotCarriedOut,
        Succeeded,
        Failed,
        AlreadyActed,
    }
}
