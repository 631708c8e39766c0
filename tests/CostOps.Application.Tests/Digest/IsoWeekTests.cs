using CostOps.Application.Digest;

namespace CostOps.Application.Tests.Digest;

public sealed class IsoWeekTests
{
    [Theory]
    [InlineData("2026-W47", "2026-11-16", "2026-11-22")]
    [InlineData("2026-W53", "2026-12-28", "2027-01-03")]
    [InlineData("2027-W01", "2027-01-04", "2027-01-10")]
    [InlineData("2025-W01", "2024-12-30", "2025-01-05")]
    [InlineData("2020-W53", "2020-12-28", "2021-01-03")]
    public void Parse_GivesTheMondayToSundayOfTheIsoWeek(string text, string monday, string sunday)
    {
        var week = IsoWeek.Parse(text);

        Assert.Equal(DateOnly.Parse(monday), week.Monday);
        Assert.Equal(DateOnly.Parse(sunday), week.Sunday);
        Assert.Equal(text, week.ToString());
    }

    [Theory]
    [InlineData("2027-01-01", "2026-W53")]
    [InlineData("2027-01-03", "2026-W53")]
    [InlineData("2027-01-04", "2027-W01")]
    [InlineData("2024-12-30", "2025-W01")]
    [InlineData("2021-01-03", "2020-W53")]
    [InlineData("2026-11-22", "2026-W47")]
    public void FromDate_UsesTheIsoWeekYear_AroundNewYear(string day, string expected)
    {
        Assert.Equal(expected, IsoWeek.FromDate(DateOnly.Parse(day)).ToString());
    }

    [Fact]
    public void NextAndPrevious_CrossTheWeekYearBoundary()
    {
        var w53 = IsoWeek.Parse("2026-W53");
        var w01 = IsoWeek.Parse("2027-W01");

        Assert.Equal(w01, w53.Next());
        Assert.Equal(w53, w01.Previous());
        Assert.Equal(IsoWeek.Parse("2025-W52"), IsoWeek.Parse("2026-W01").Previous());
        Assert.True(w53 < w01);
    }

    [Theory]
    [InlineData("2025-W53")] // 2025 has 52 ISO weeks
    [InlineData("2026-W54")]
    [InlineData("2026-W00")]
    [InlineData("2026-w05")]
    [InlineData("2026W05")]
    [InlineData("2026-W5")]
    [InlineData("26-W05")]
    [InlineData(" 2026-W05")]
    [InlineData("2026-W05 ")]
    [InlineData("2026-W+5")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_RejectsAnythingButAWeekTheYearHas(string? text)
    {
        Assert.False(IsoWeek.TryParse(text, out _));
    }

    [Fact]
    public void Parse_NamesTheExpectedFormat_WhenTheTextIsNotAWeek()
    {
        var error = Assert.Throws<FormatException>(() => IsoWeek.Parse("2025-W53"));

        Assert.Contains("YYYY-Www", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RejectsAWeekNumberTheYearDoesNotHave()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IsoWeek(2025, 53));
    }

    [Theory]
    [InlineData("2026-11-23T08:00:00Z", "2026-W47")]
    [InlineData("2026-11-22T23:59:59Z", "2026-W46")]
    [InlineData("2027-01-04T08:00:00Z", "2026-W53")]
    public void LastCompleted_IsTheWeekBeforeTheOneContainingNow(string now, string expected)
    {
        Assert.Equal(expected, IsoWeek.LastCompleted(DateTimeOffset.Parse(now)).ToString());
    }

    [Fact]
    public void StartsAtAndEndsAt_AreMondayMidnightsUtc()
    {
        var week = IsoWeek.Parse("2026-W53");

        Assert.Equal(new DateTimeOffset(2026, 12, 28, 0, 0, 0, TimeSpan.Zero), week.StartsAt);
        Assert.Equal(new DateTimeOffset(2027, 1, 4, 0, 0, 0, TimeSpan.Zero), week.EndsAt);
    }
}
