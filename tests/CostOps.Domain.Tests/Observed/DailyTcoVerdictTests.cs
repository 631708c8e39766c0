using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;

namespace CostOps.Domain.Tests.Observed;

public sealed class DailyTcoVerdictTests
{
    // Completeness 0 here means no source answered: no observed figure is known either.
    private static DailyTco Day(decimal completeness, decimal? breakEven, decimal? projected, decimal? ratio, bool never = false) => completeness > 0m
        ? new(new DateOnly(2026, 11, 20), 24m, new Money(100m), CostBasis.AmortizedActual, Money.Zero, Money.Zero, Money.Zero, new Money(100m),
            1_000m, 1_000_000m, 200_000m, 0m, new Money(120m), Money.Zero, new Money(20m), breakEven, projected, ratio, never, false, completeness)
        : new(new DateOnly(2026, 11, 20), null, null, CostBasis.Unknown, Money.Zero, Money.Zero, Money.Zero, null,
            null, null, null, null, null, null, null, breakEven, projected, ratio, never, false, completeness);

    [Fact]
    public void OneSilentSource_IsNotNoData_WhenTheOthersGaveFigures()
    {
        // Completeness is the worst source's share: 0 when the fleet was silent, yet the requests and the list-priced
        // break-even still make a verdict.
        var day = Day(1m, 100_000m, 120_000m, 1.2m) with { Completeness = 0m, GpuHours = null, GpuCost = null };

        Assert.True(day.HasData);
        Assert.Equal(Verdict.AboveBreakEven, day.Verdict);
    }

    [Theory]
    [InlineData(1.0, 100_000.0, 120_000.0, 1.2, false, Verdict.AboveBreakEven)]
    [InlineData(1.0, 100_000.0, 100_000.0, 1.0, false, Verdict.AboveBreakEven)]
    [InlineData(0.5, 100_000.0, 80_000.0, 0.8, false, Verdict.BelowBreakEven)]
    [InlineData(1.0, null, null, null, true, Verdict.NeverBreaksEven)]
    [InlineData(1.0, 0.0, 50_000.0, null, false, Verdict.AboveBreakEven)]
    [InlineData(1.0, 100_000.0, null, null, false, Verdict.NoData)]
    [InlineData(0.0, 100_000.0, 120_000.0, 1.2, false, Verdict.NoData)]
    [InlineData(0.0, null, null, null, true, Verdict.NoData)]
    public void Verdict_IsOneRule_AndANightWithoutDataHasNone(double completeness, double? breakEven, double? projected, double? ratio, bool never, Verdict expected)
    {
        var day = Day((decimal)completeness, (decimal?)breakEven, (decimal?)projected, (decimal?)ratio, never);

        Assert.Equal(expected, day.Verdict);
        Assert.Equal(completeness > 0, day.HasData);
    }
}
