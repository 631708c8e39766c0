using CostOps.Application.Jobs;
using CostOps.Application.Nightly;

namespace CostOps.Application.Tests.Nightly;

public sealed class NightlyTcoJobTests
{
    private static JobContext At(string utc, bool pastDue = false, string? last = null) =>
        new(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), pastDue,
            last is null ? null : DateTimeOffset.Parse(last, System.Globalization.CultureInfo.InvariantCulture), "id", 0, "timer");

    [Fact]
    public void OnTime_ComputesYesterday()
    {
        var days = NightlyTcoJob.DaysToCompute(At("2026-11-21T01:30:00Z"), 7);

        Assert.Equal(new DateOnly(2026, 11, 20), days.From);
        Assert.Equal(new DateOnly(2026, 11, 20), days.To);
    }

    [Fact]
    public void PastDue_CatchesUpTheNightsSinceTheLastRun()
    {
        var days = NightlyTcoJob.DaysToCompute(At("2026-11-21T09:00:00Z", pastDue: true, last: "2026-11-18T01:30:00Z"), 7);

        Assert.Equal(new DateOnly(2026, 11, 18), days.From);
        Assert.Equal(new DateOnly(2026, 11, 20), days.To);
    }

    [Fact]
    public void PastDue_CatchUpIsBounded()
    {
        var days = NightlyTcoJob.DaysToCompute(At("2026-11-21T09:00:00Z", pastDue: true, last: "2026-09-01T01:30:00Z"), 7);

        Assert.Equal(7, days.Days);
    }
}
