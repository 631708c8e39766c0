using CostOps.Domain.Time;

namespace CostOps.Domain.Tests.Time;

public sealed class PastDaysTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Theory]
    [InlineData("2026-11-21T00:00:00+00:00", "2026-11-20")]
    [InlineData("2026-11-21T23:59:59+00:00", "2026-11-20")]
    // 01:00 in UTC+02:00 is still the 20th in UTC: the day boundary is UTC's, not the caller's.
    [InlineData("2026-11-21T01:00:00+02:00", "2026-11-19")]
    public void Yesterday_IsTheLastWholeUtcDay(string now, string expected)
    {
        var clock = new FixedClock(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DayRange.Yesterday(clock));
    }

    [Fact]
    public void PastDays_PassTheCheck()
    {
        var last = new DateOnly(2026, 11, 20);

        Assert.Empty(PastDays.Check(new DayRange(last.AddDays(-30), last), last, "from", "to"));
    }

    [Fact]
    public void Today_IsRefused_NamingTheFieldAndTheLastComputableDay()
    {
        var last = new DateOnly(2026, 11, 20);

        var error = Assert.Single(PastDays.Check(new DayRange(last, last.AddDays(1)), last, "--from", "--to"));

        Assert.Equal("--to", error.Field);
        Assert.Contains("2026-11-21 has not ended yet", error.Message, StringComparison.Ordinal);
        Assert.Contains("the last one is 2026-11-20", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFutureRange_NamesBothFields_OrTheOneFieldOnce()
    {
        var last = new DateOnly(2026, 11, 20);
        var future = DayRange.OneDay(last.AddDays(5));

        Assert.Equal(["from", "to"], PastDays.Check(future, last, "from", "to").Select(e => e.Field));
        Assert.Equal(["--date"], PastDays.Check(future, last, "--date", "--date").Select(e => e.Field));
    }
}
