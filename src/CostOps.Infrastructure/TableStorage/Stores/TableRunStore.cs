using Azure.Data.Tables;
using CostOps.Application.Jobs;
using CostOps.Application.Ports;
using CostOps.Application.Results;

namespace CostOps.Infrastructure.TableStorage.Stores;

/// <summary>The <c>Runs</c> table: PartitionKey = job, RowKey = inverted ticks + run id (newest first).</summary>
public sealed class TableRunStore(TableClient table) : IRunStore
{
    // A Table string holds 32K UTF-16 characters; keep the error list well inside it.
    private const int MaxErrorText = 16_000;

    public async Task WriteAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var errors = string.Join('\n', run.Errors);
        var entity = new TableEntity(run.Job, $"{InvertedTicks.For(run.StartedAt)}-{run.RunId}")
        {
            ["RunId"] = run.RunId,
            ["Trigger"] = run.Trigger,
            ["StartedAt"] = run.StartedAt,
            ["Status"] = run.Status.ToString(),
            ["WorkloadsOk"] = run.WorkloadsOk,
            ["WorkloadsFailed"] = run.WorkloadsFailed,
            ["RowsWritten"] = run.RowsWritten,
            ["UpstreamCalls"] = run.UpstreamCalls,
            ["ErrorCount"] = run.Errors.Count,
            ["Errors"] = errors.Length > MaxErrorText ? errors[..MaxErrorText] + "\n(truncated)" : errors,
        };
        // A run that has not ended has no end time (unknown, not the start).
        if (run.IsFinished)
        {
            entity["FinishedAt"] = run.FinishedAt;
            entity["DurationSeconds"] = run.Duration.TotalSeconds;
        }
        if (run.Shards is { } shards)
        {
            entity["ShardsExpected"] = shards.Expected;
            entity["ShardsSucceeded"] = shards.Succeeded;
            entity["ShardsFailed"] = shards.Failed;
        }
        if (run.HeartbeatAt is { } heartbeat)
        {
            entity["HeartbeatAt"] = heartbeat;
        }
        if (run.ActionsTaken is { } actions)
        {
            entity["ActionsTaken"] = actions;
        }
        if (run.Outcomes.Count > 0)
        {
            entity["Outcomes"] = string.Join('\n', run.Outcomes);
        }
        if (run.FirstDay is { } first)
        {
            entity["FirstDay"] = first.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }
        if (run.LastDay is { } last)
        {
            entity["LastDay"] = last.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }
        TableEntityValidator.ValidateForWrite(entity);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<RunRecord>> ListAsync(string? job, int top, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var filter = job is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {job}");
        var runs = new List<RunRecord>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(1000, top), cancellationToken: cancellationToken))
        {
            runs.Add(FromEntity(entity));
            // Within one job the RowKey order is newest first, so the first page holds the answer.
            if (job is not null && runs.Count >= top)
            {
                break;
            }
        }
        return runs.OrderByDescending(r => r.StartedAt).Take(top).ToList();
    }

    public async Task<IReadOnlyList<RunRecord>> ListStartedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        // Keyed by job, then newest first: one RowKey range covers every job's runs of the period.
        var (first, last) = InvertedTicksRange.Of(from, to);
        var filter = TableClient.CreateQueryFilter($"RowKey ge {first} and RowKey lt {last}");
        var runs = new List<RunRecord>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var run = FromEntity(entity);
            if (run.StartedAt >= from && run.StartedAt < to)
            {
                runs.Add(run);
            }
        }
        return [.. runs.OrderBy(r => r.StartedAt)];
    }

    internal static RunRecord FromEntity(TableEntity entity)
    {
        var errors = entity.GetString("Errors");
        var outcomes = entity.GetString("Outcomes");
        var startedAt = entity.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.MinValue;
        return new RunRecord(
            entity.PartitionKey,
            entity.GetString("RunId") ?? "",
            entity.GetString("Trigger") ?? "",
            startedAt,
            entity.GetDateTimeOffset("FinishedAt") ?? startedAt,
            Enum.TryParse<JobStatus>(entity.GetString("Status"), out var status) ? status : JobStatus.Failed,
            entity.GetInt32("WorkloadsOk") ?? 0,
            entity.GetInt32("WorkloadsFailed") ?? 0,
            entity.GetInt32("RowsWritten") ?? 0,
            entity.ReadInt64("UpstreamCalls") ?? 0,
            Day(entity.GetString("FirstDay")),
            Day(entity.GetString("LastDay")),
            string.IsNullOrEmpty(errors) ? [] : errors.Split('\n'),
            entity.GetInt32("ActionsTaken"))
        {
            Outcomes = string.IsNullOrEmpty(outcomes) ? [] : outcomes.Split('\n'),
            Shards = entity.GetInt32("ShardsExpected") is { } expected
                ? new ShardCounts(expected, entity.GetInt32("ShardsSucceeded") ?? 0, entity.GetInt32("ShardsFailed") ?? 0)
                : null,
            HeartbeatAt = entity.GetDateTimeOffset("HeartbeatAt"),
        };
    }

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) ? day : null;
}
