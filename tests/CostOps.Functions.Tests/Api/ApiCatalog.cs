using System.Text;
using CostOps.Application.Jobs;
using CostOps.Application.Results;
using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;

namespace CostOps.Functions.Tests.Api;

/// <summary>
/// The catalog and stored rows the HTTP API tests run against. No workload has a telemetry source,
/// so a recalculation stores rows with unknown figures and completeness 0; the read tests use rows
/// seeded straight into the DailyTco table.
/// </summary>
internal static class ApiCatalog
{
    /// <summary>Full economics, planned throughput, quality; rows seeded for March 2026 and two days ago.</summary>
    public const string Triage = "triage";

    /// <summary>No planned throughput and no rows: its observed profile cannot say traffic or throughput.</summary>
    public const string Summaries = "summaries";

    /// <summary>No rows until a test recalculates it.</summary>
    public const string Quiet = "quiet";

    /// <summary>Filler so the catalog holds more workloads (51) than one recalculation may cover (50).</summary>
    public const int BulkWorkloads = 48;

    public static string Bulk(int n) => $"bulk-{n:D2}";

    public static int Count => 3 + BulkWorkloads;

    public static readonly string Json = BuildJson();

    /// <summary>The March 2026 days of <see cref="Triage"/> with a row: the 1st to the 10th without the 5th.</summary>
    public static readonly DateOnly[] MarchDays =
        Enumerable.Range(1, 10).Where(d => d != 5).Select(d => new DateOnly(2026, 3, d)).ToArray();

    /// <summary>The day whose GPU cost (and so self-hosted cost and savings) is unknown.</summary>
    public static readonly DateOnly UnknownCostDay = new(2026, 3, 4);

    public static readonly DateOnly LastMarchDay = new(2026, 3, 10);

    public static IReadOnlyList<DailyTcoRecord> SeededRows(DateOnly today)
    {
        var rows = MarchDays.Select(day => Row(Triage, day)).ToList();
        rows.Add(Row(Triage, today.AddDays(-2)) with
        {
            Tco = Row(Triage, today.AddDays(-2)).Tco with { DemandRatio = 1.5m },
        });
        return rows;
    }

    /// <summary>
    /// 10,000 self-hosted requests (900 in / 250 out tokens each) and 1,000 API requests a day; 24 GPU
    /// hours at $6.50; $326 self-hosted, $400 API-equivalent, $74 savings; completeness 0.9. The 4th
    /// has no GPU cost; the 10th is below break-even (demand ratio 0.8) with completeness 0.5.
    /// </summary>
    public static DailyTcoRecord Row(string workloadId, DateOnly day)
    {
        var unknownCost = day == UnknownCostDay;
        var last = day == LastMarchDay;
        var tco = new DailyTco(
            Day: day,
            GpuHours: 24m,
            GpuCost: unknownCost ? null : new Money(156m),
            CostBasis: unknownCost ? CostBasis.Unknown : CostBasis.Estimated,
            Recurring: new Money(100m),
            Retrain: new Money(20m),
            Amortized: new Money(50m),
            SelfHostedCost: unknownCost ? null : new Money(326m),
            Requests: 10_000m,
            InputTokens: 9_000_000m,
            OutputTokens: 2_500_000m,
            ApiRequests: 1_000m,
            ApiEquivalentCost: new Money(400m),
            ApiActualCost: new Money(40m),
            Savings: unknownCost ? null : new Money(74m),
            BreakEvenRequestsPerMonth: 250_000m,
            ProjectedRequestsPerMonth: 334_583.33m,
            DemandRatio: last ? 0.8m : 1.3383m,
            NeverBreaksEven: false,
            CapacityExceeded: false,
            Completeness: last ? 0.5m : 0.9m);
        return new DailyTcoRecord(
            workloadId, tco, 61.5, PriceSource.PriceBook, new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero),
            last ? "fleet 12/24" : "", DailyTcoRecord.CurrentCalcVersion, "20260311T013000Z-seeded0",
            new DateTimeOffset(day.AddDays(1).ToDateTime(new TimeOnly(1, 30)), TimeSpan.Zero));
    }

    /// <summary>Three NightlyTco runs; the newest (a partial one) is <see cref="NewestNightlyRunId"/>.</summary>
    public static readonly IReadOnlyList<RunRecord> SeededRuns =
    [
        RunRows.Nightly("20260301T013000Z-aaaa0001", new DateTimeOffset(2026, 3, 1, 1, 30, 0, TimeSpan.Zero), JobStatus.Succeeded),
        RunRows.Nightly("20260302T013000Z-aaaa0002", new DateTimeOffset(2026, 3, 2, 1, 30, 0, TimeSpan.Zero), JobStatus.Succeeded),
        RunRows.Nightly("20260303T013000Z-aaaa0003", new DateTimeOffset(2026, 3, 3, 1, 30, 0, TimeSpan.Zero), JobStatus.Partial),
    ];

    public const string NewestNightlyRunId = "20260303T013000Z-aaaa0003";

    private static string BuildJson()
    {
        var json = new StringBuilder();
        json.Append("""
            { "workloads": [
              {
                "id": "triage", "displayName": "Support triage", "goLive": "2026-01-01",
                "selfHosted": {
                  "tagSelector": { "costops-workload": "triage" }, "gpuSku": "Standard_NC40ads_H100_v5", "region": "eastus",
                  "gpuHourly": 6.5, "instances": { "min": 1, "max": 2 }, "tokensPerSecondPerInstance": 2500, "targetUtilization": 0.8
                },
                "api": { "inputPerMTok": 2.5, "outputPerMTok": 15, "cachedInputPerMTok": 0.25, "promptOverheadTokensPerRequest": 600 },
                "recurringMonthly": { "monitoring": 100, "evaluation": 200, "engineering": 1500 },
                "retraining": { "costPerRun": 1800, "everyMonths": 3 },
                "oneOff": { "dataPreparation": 12000, "training": 1500 },
                "amortizationMonths": 18,
                "quality": { "selfHostedAccuracy": 0.78, "apiAccuracy": 0.74 }
              },
              {
                "id": "summaries", "goLive": "2026-01-01",
                "selfHosted": { "tagSelector": { "costops-workload": "summaries" }, "gpuHourly": 3.2, "targetUtilization": 0.7 },
                "api": { "model": "gpt-5.4" }
              },
              {
                "id": "quiet", "goLive": "2026-06-01",
                "selfHosted": { "tagSelector": { "costops-workload": "quiet" }, "gpuHourly": 2, "tokensPerSecondPerInstance": 1000 },
                "api": { "inputPerMTok": 0.4, "outputPerMTok": 1.6 }
              }
            """);
        for (var n = 1; n <= BulkWorkloads; n++)
        {
            json.Append($$"""
                ,{ "id": "{{Bulk(n)}}", "goLive": "2026-01-01",
                   "selfHosted": { "tagSelector": { "costops-workload": "{{Bulk(n)}}" }, "gpuHourly": 1 },
                   "api": { "inputPerMTok": 1, "outputPerMTok": 2 } }
                """);
        }
        json.Append("] }");
        return json.ToString();
    }
}
