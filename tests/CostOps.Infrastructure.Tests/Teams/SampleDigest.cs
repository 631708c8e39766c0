using CostOps.Application.Digest;
using CostOps.Application.Digest.Inputs;
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
            [
                new("support-triage", day, 4_200, 120, 95.37m, 161.20m, 4.31m, 65.83m, 86_000m, 1.5m, 1.0, false, DailyCostBasis.AmortizedActual, Now.AddDays(-8)),
                new("code-review-bot", day, 5_100, 200, 188m, 117.42m, 4.6m, -70.58m, 410_000m, 0.62m, 1.0, false, DailyCostBasis.AmortizedActual, Now.AddDays(-8)),
            ],
            [],
            []);
        var digest = new WeeklyDigestBuilder().Build(Week, rows, Now);
        return new DigestRenderer(new DigestRenderOptions(new Uri("https://costops.example.com/"))).Render(digest);
    }
}
