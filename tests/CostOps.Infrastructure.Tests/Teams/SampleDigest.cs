using CostOps.Application.Digest;
using CostOps.Application.Results;
using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;
using CostOps.TestSupport.Digest;
using CostOps.Application.Digest.Rendering;

namespace CostOps.Infrastructure.Tests.Teams;

/// <summary>A small rendered digest for the transport tests.</summary>
internal static class SampleDigest
{
    public static readonly IsoWeek Week = IsoWeek.Parse("2026-W47");

    public static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    public static RenderedDigest Rendered()
    {
        var day = Week.Monday;
        var rows = new DigestRows(
            DigestCatalog.Of(["support-triage", "code-review-bot"]).Workloads,
            [Row("support-triage", day, 4_200, 120, 95.37m, 161.20m, 4.31m, 86_000m, 1.5m), Row("code-review-bot", day, 5_100, 200, 188m, 117.42m, 4.6m, 410_000m, 0.62m)],
            [],
            []);
        var digest = new WeeklyDigestBuilder().Build(Week, rows, Now);
        return new DigestRenderer(new DigestRenderOptions(new Uri("https://costops.example.com/"))).Render(digest);
    }

    private static DailyTcoRecord Row(string workload, DateOnly day, long requests, long apiRequests, decimal selfHosted, decimal apiEquivalent, decimal apiActual, decimal breakEven, decimal ratio) =>
        new(workload,
            new DailyTco(day, 24m, new Money(selfHosted), CostBasis.AmortizedActual, Money.Zero, Money.Zero, Money.Zero, new Money(selfHosted),
                requests, requests * 1_000m, requests * 200m, apiRequests, new Money(apiEquivalent), new Money(apiActual), new Money(apiEquivalent - selfHosted),
                breakEven, breakEven * ratio, ratio, false, false, 1m),
            null, PriceSource.ActualCost, null, "", DailyTcoRecord.CurrentCalcVersion, "run", Now.AddDays(-8));
}
