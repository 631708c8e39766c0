using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;

namespace CostOps.Domain.Tests.Observed;

public sealed class DailyTcoVerdictTests
{
    private static DailyTco Day(decimal completeness, decimal? breakEven, decimal? projected, decimal? ratio, bool never = false) => new(
        new DateOnly(2026, 11, 20), 24m, new Money(100m), CostBasis.AmortizedActual, Money.Zero, Money.Zero, Money.Zero, new Money(100m),
        1_000m, 1_000_000m, 200_000m, 0m, new Money(120m), Money.Zero, new Money(20m), breakEven, projected, ratio, never, false, completeness);

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
