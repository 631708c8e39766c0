using CostOps.Application.Tests.Digest;
using CostOps.Application.Verdicts;
using CostOps.Domain.Observed;
using CostOps.Domain.Time;

namespace CostOps.Application.Tests.Verdicts;

public sealed class WorkloadVerdictTests
{
    private static readonly DayRange Window = new(DigestSamples.Day(0), DigestSamples.Day(6));

    [Fact]
    public void TheVerdict_IsTheLatestNightWithData_AndNamesTheNewerNightsWithout()
    {
        var rows = new[]
        {
            DigestSamples.Row("w", 3, 100, 10m, 5m, 86_000m, 0.5m),
            DigestSamples.Row("w", 4, 100, 10m, 5m, 86_000m, 1.2m),
            DigestSamples.NoDataRow("w", 5),
            // Night 6 has no row at all.
        };

        var verdict = WorkloadVerdict.Of("w", rows, Window);

        Assert.Equal((Verdict.AboveBreakEven, DigestSamples.Day(4), 2), (verdict.Verdict, verdict.AsOf, verdict.AgeDays));
        Assert.Equal([DigestSamples.Day(5), DigestSamples.Day(6)], verdict.NightsWithoutData);
        Assert.Equal("above break-even as of 2026-11-20 (2 nights old); 2 newer nights have no data (2026-11-21, 2026-11-22)", verdict.Describe());
    }

    [Fact]
    public void WithoutAnyNightWithData_TheVerdictIsNoData_ForEveryNightOfTheWindow()
    {
        var verdict = WorkloadVerdict.Of("w", [DigestSamples.NoDataRow("w", 2)], Window);

        Assert.Equal((Verdict.NoData, (DateOnly?)null, (int?)null), (verdict.Verdict, verdict.AsOf, verdict.AgeDays));
        Assert.Equal(7, verdict.NightsWithoutData.Count);
        Assert.Equal("no data in the 7 nights up to 2026-11-22", verdict.Describe());
    }

    [Fact]
    public void ACurrentVerdict_SaysOnlyWhereItStands()
    {
        var verdict = WorkloadVerdict.Of("w", [DigestSamples.Row("w", 6, 100, 10m, 5m, 86_000m, 0.5m)], Window);

        Assert.False(verdict.HasNightsWithoutData);
        Assert.Equal("below break-even as of 2026-11-22", verdict.Describe());
    }
}
