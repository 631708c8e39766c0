using System.Globalization;
using CostOps.Application.Digest;
using CostOps.Application.Digest.Inputs;

namespace CostOps.Infrastructure.TableStorage.Stores;

/// <summary>
/// Reads the digest's view of the <c>Decisions</c> table as ARCHITECTURE.md documents it: PartitionKey = workload id,
/// RowKey = inverted ticks + decision id (newest first), the flat <c>DecisionRecord</c> fields as properties
/// (<c>EvaluatedAt</c>, <c>Mode</c>, <c>Action</c>, <c>ProposedAction</c>, <c>BlockedBy</c>, <c>WillAct</c>,
/// <c>Reason</c> ...; enum values kebab-case) and, once actions are carried out, an <c>Outcome</c>. Rows without
/// <c>EvaluatedAt</c> and <c>Action</c> are not decisions (e.g. outcome rows) and are skipped.
/// </summary>
/// <remarks>
/// The digest's own reader, written against the documented layout while the autopilot's decision store is built;
/// when that store exists, an adapter over it replaces this class behind <see cref="IDigestDecisionReader"/>.
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
        await foreach (var entity in table.QueryAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (FromEntity(entity) is { } decision && decision.DecidedAt >= from && decision.DecidedAt < to)
            {
                decisions.Add(decision);
            }
        }
        return decisions.OrderBy(d => d.DecidedAt).ToList();
    }

    /// <summary>The digest's reading of one row; null for a row that is not a decision.</summary>
    /// <exception cref="InvalidDataException">A decision row with a value the digest does not know, naming the row.</exception>
    internal static DigestDecisionRow? FromEntity(TableEntity entity)
    {
        if (entity.GetDateTimeOffset("EvaluatedAt") is not { } evaluatedAt || entity.GetString("Action") is not { } actionText)
        {
            return null;
        }
        var action = Parse(entity, "Action", actionText, ParseAction);
        var mode = Parse(entity, "Mode", entity.GetString("Mode") ?? "", ParseMode);
        var proposed = entity.GetString("ProposedAction") is { } proposedText ? Parse(entity, "ProposedAction", proposedText, ParseAction) : action;
        var blocked = !string.IsNullOrWhiteSpace(entity.GetString("BlockedBy"));

        // A guardrail that turned a proposed action into a hold is what the digest calls a blocked action.
        var outcome = entity.GetString("Outcome") is { Length: > 0 } outcomeText
            ? Parse(entity, "Outcome", outcomeText, ParseOutcome)
            : action == DecisionAction.Hold && proposed != DecisionAction.Hold && blocked ? DecisionOutcome.Blocked : DecisionOutcome.Planned;
        if (outcome == DecisionOutcome.Blocked && action == DecisionAction.Hold)
        {
            action = proposed;
        }
        return new DigestDecisionRow(entity.PartitionKey, evaluatedAt, action, mode, entity.GetString("Reason") ?? "", outcome);
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

    private static DecisionOutcome? ParseOutcome(string text) => text switch
    {
        "planned" => DecisionOutcome.Planned,
        "succeeded" => DecisionOutcome.Succeeded,
        // Part of the action failed: that needs a human as much as a whole failure.
        "failed" or "partial" => DecisionOutcome.Failed,
        "blocked" => DecisionOutcome.Blocked,
        _ => null,
    };
}
