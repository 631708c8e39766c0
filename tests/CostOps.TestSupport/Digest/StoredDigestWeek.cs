using CostOps.Application.Digest;
using CostOps.Application.Jobs;
using CostOps.Application.Results;
using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;
using CostOps.Infrastructure.TableStorage.Stores;

namespace CostOps.TestSupport.Digest;

/// <summary>
/// A realistic week of stored rows for the digest (2026-W47 and the week before): three catalog workloads' DailyTco
/// rows, with an incomplete day, an estimated cost and an unknown cost; autopilot decisions in the layout the
/// autopilot records them through its decision store (a scale-up carried out, with its claim and a re-run that found it already
/// acted on; dry-run pauses; a pause blocked by a guardrail); NightlyTco and Autopilot runs, one partial, one failed. Also rows the digest must leave out: a workload that is not in the catalog,
/// days, decisions and runs outside the two weeks.
/// </summary>
public sealed class StoredDigestWeek
{
    public static readonly IsoWeek Week = IsoWeek.Parse("2026-W47");

    /// <summary>Monday 08:00 UTC after the week: when the timer digests it.</summary>
    public static readonly DateTimeOffset DigestTime = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The catalog workloads, in the order they are listed.</summary>
    public static readonly IReadOnlyList<string> Workloads = ["support-triage", "contract-summaries", "code-review-bot"];

    /// <summary>A workload with stored rows that the catalog no longer lists.</summary>
    public const string RetiredWorkload = "retired-bot";

    /// <summary>A workload catalog listing <see cref="Workloads"/> (a file's content).</summary>
    public static string CatalogJson { get; } = $$"""
        { "workloads": [ {{string.Join(", ", Workloads.Select(CatalogEntry))}} ] }
        """;

    private StoredDigestWeek(IReadOnlyList<DailyTcoRecord> daily, IReadOnlyList<StoredDecision> decisions, IReadOnlyList<RunRecord> runs)
    {
        Daily = daily;
        Decisions = decisions;
        Runs = runs;
    }

    /// <summary>Every DailyTco row written, the retired workload's and the out-of-range ones included.</summary>
    public IReadOnlyList<DailyTcoRecord> Daily { get; }

    /// <summary>Every decision recorded (the scale-up is also claimed, as the autopilot does before acting).</summary>
    public IReadOnlyList<StoredDecision> Decisions { get; }

    /// <summary>Every Runs row written.</summary>
    public IReadOnlyList<RunRecord> Runs { get; }

    public static StoredDigestWeek Create()
    {
        var monday = Week.Monday;
        var daily = new List<DailyTcoRecord>();
        for (var d = -7; d < 7; d++)
        {
            var day = monday.AddDays(d);
            var thisWeek = d >= 0;
            daily.Add(Row("support-triage", day, requests: 4_200 + (d * 35), apiRequests: 120, gpu: 83.20m, apiEquivalent: 161.20m + d, apiActual: 4.31m,
                breakEven: 86_000m, ratio: thisWeek ? 1.50m + (d * 0.01m) : 1.38m));
            daily.Add(Row("contract-summaries", day, requests: 7_900 + (d * 11), apiRequests: 40, gpu: 228.00m, apiEquivalent: 251.45m, apiActual: 1.27m,
                breakEven: 240_000m, ratio: thisWeek ? 1.04m : 1.09m, basis: d == 3 ? CostBasis.Estimated : CostBasis.AmortizedActual));
            daily.Add(d == 5
                ? Unknown("code-review-bot", day, completeness: 0.40m)
                : Row("code-review-bot", day, requests: d < 4 ? 5_100 : 0, apiRequests: d < 4 ? 200 : 5_300, gpu: d < 4 ? 175.90m : 9.90m,
                    apiEquivalent: d < 4 ? 117.42m : 0m, apiActual: d < 4 ? 4.60m : 121.90m, breakEven: 410_000m, ratio: 0.62m));
        }
        // Not in the catalog any more, and outside the two weeks: none of these may reach the digest.
        daily.Add(Row(RetiredWorkload, monday.AddDays(2), 900, 0, 40m, 12m, 0m, 300_000m, 0.1m));
        daily.Add(Row("support-triage", monday.AddDays(-8), 99_999, 0, 9_999m, 9_999m, 0m, 86_000m, 9m));
        daily.Add(Row("support-triage", monday.AddDays(7), 99_999, 0, 9_999m, 9_999m, 0m, 86_000m, 9m));

        var scaleUp = Decision("support-triage", At(3, 2), "enforce", "scale-up", "scale-up", "", "Projected peak demand needs 3 instances (2 running).", DecisionOutcomeStatus.Succeeded);
        var decisions = new List<StoredDecision>
        {
            scaleUp,
            // A re-run of the same night that found it already acted on.
            Decision("support-triage", At(3, 3), "enforce", "scale-up", "scale-up", "", "Projected peak demand needs 3 instances (2 running).", DecisionOutcomeStatus.AlreadyActed,
                id: scaleUp.DecisionId),
            Decision("contract-summaries", At(1, 2), "enforce", "hold", "hold", "", "Demand ratio 1.04 inside the 0.15 band.", DecisionOutcomeStatus.Hold),
            Decision("code-review-bot", At(4, 2), "dry-run", "hold", "pause", "incomplete-data", "Would pause: demand ratio 0.62 below 0.85; held: telemetry 40% complete.", DecisionOutcomeStatus.Hold),
            // The week before: read with the range, but not this week's action.
            Decision("support-triage", At(-2, 2), "enforce", "scale-up", "scale-up", "", "Projected peak demand needs 2 instances (1 running).", DecisionOutcomeStatus.Succeeded),
            // Before the range.
            Decision("code-review-bot", At(-9, 2), "enforce", "pause", "pause", "", "Long ago.", DecisionOutcomeStatus.Failed),
        };
        for (var d = 0; d < 4; d++)
        {
            decisions.Add(Decision("code-review-bot", At(d, 2), "dry-run", "pause", "pause", "", $"Would pause: demand ratio 0.62 below 0.85 on {d + 1} of 5 evaluations.", DecisionOutcomeStatus.DryRun));
        }

        var runs = new List<RunRecord>();
        for (var d = -7; d < 7; d++)
        {
            var partial = d == 2;
            runs.Add(Run("NightlyTco", At(d, 1), partial ? JobStatus.Partial : JobStatus.Succeeded,
                partial ? ["code-review-bot: prometheus: 503 (ServiceUnavailable)"] : []));
        }
        runs.Add(Run("Autopilot", At(5, 2), JobStatus.Failed, ["run: the lease 'autopilot' is held by another instance", "second error"]));
        runs.Add(Run("NightlyTco", At(-10, 1), JobStatus.Failed, ["before the range"]));
        return new StoredDigestWeek(daily, decisions, runs);
    }

    /// <summary>Writes every row into <paramref name="tables"/> (which must exist).</summary>
    public async Task WriteAsync(CostOpsTables tables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        await new TableDailyTcoStore(tables.DailyTco).UpsertAsync(Daily, cancellationToken);
        var decisions = new TableDecisionStore(tables.Decisions, TimeProvider.System);
        await decisions.RecordAsync(Decisions, cancellationToken);
        foreach (var acted in Decisions.Where(d => d.OutcomeStatus == DecisionOutcomeStatus.Succeeded))
        {
            await decisions.TryClaimAsync(acted, cancellationToken);
        }
        var store = new TableRunStore(tables.Runs);
        foreach (var run in Runs)
        {
            await store.WriteAsync(run, cancellationToken);
        }
    }

    /// <summary>An instant <paramref name="offsetFromMonday"/> days after the week's Monday, at <paramref name="hour"/>:30 UTC.</summary>
    public static DateTimeOffset At(int offsetFromMonday, int hour) =>
        Week.StartsAt.AddDays(offsetFromMonday).AddHours(hour).AddMinutes(30);

    private static DailyTcoRecord Row(
        string workload, DateOnly day, long requests, long apiRequests, decimal gpu, decimal apiEquivalent, decimal apiActual,
        decimal breakEven, decimal ratio, CostBasis basis = CostBasis.AmortizedActual)
    {
        var recurring = new Money(59.18m);
        var amortized = new Money(74.07m);
        var selfHosted = new Money(gpu) + recurring + amortized;
        var tco = new DailyTco(
            day, 24m, new Money(gpu), basis, recurring, Money.Zero, amortized, selfHosted,
            requests, requests * 1_800, requests * 350, apiRequests,
            new Money(apiEquivalent), new Money(apiActual), new Money(apiEquivalent) - selfHosted,
            breakEven, breakEven * ratio, ratio, NeverBreaksEven: false, CapacityExceeded: false, Completeness: 1m);
        return Record(workload, tco);
    }

    private static DailyTcoRecord Unknown(string workload, DateOnly day, decimal completeness)
    {
        // No GPU cost and no usage arrived: the figures are unknown (absent), not zero.
        var tco = new DailyTco(
            day, null, null, CostBasis.Unknown, new Money(59.18m), Money.Zero, new Money(74.07m), null,
            null, null, null, 5_100, null, new Money(119.30m), null,
            410_000m, null, null, NeverBreaksEven: false, CapacityExceeded: false, Completeness: completeness);
        return Record(workload, tco);
    }

    private static DailyTcoRecord Record(string workload, DailyTco tco)
    {
        var computedAt = new DateTimeOffset(tco.Day.AddDays(1).ToDateTime(new TimeOnly(1, 30)), TimeSpan.Zero);
        return new DailyTcoRecord(workload, tco, 61.5, PriceSource.ActualCost, computedAt.AddDays(-1), "", DailyTcoRecord.CurrentCalcVersion,
            $"run-{tco.Day:yyyyMMdd}", computedAt);
    }

    /// <summary>A decision about the night before <paramref name="evaluatedAt"/>, as the autopilot records it.</summary>
    private static StoredDecision Decision(
        string workload, DateTimeOffset evaluatedAt, string mode, string action, string proposed, string blockedBy, string reason, DecisionOutcomeStatus status,
        string? id = null) =>
        StoredDecisions.Of(workload, DateOnly.FromDateTime(evaluatedAt.UtcDateTime).AddDays(-1), evaluatedAt, mode, action, reason, status, proposed, blockedBy, id);

    private static RunRecord Run(string job, DateTimeOffset startedAt, JobStatus status, IReadOnlyList<string> errors) =>
        new(job, $"{startedAt:yyyyMMdd'T'HHmmss'Z'}-{job.ToLowerInvariant()[..4]}", "timer", startedAt, startedAt.AddMinutes(4), status,
            3 - errors.Count, errors.Count, 3, 42, null, null, errors);

    private static string CatalogEntry(string id) => $$"""
        { "id": "{{id}}", "goLive": "2026-03-01", "selfHosted": { "tagSelector": { "costops-workload": "{{id}}" }, "gpuHourly": 3.5, "targetUtilization": 0.8 }, "api": { "model": "gpt-5.4" } }
        """;
}
