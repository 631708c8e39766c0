using CostOps.Domain.Time;

namespace CostOps.Domain.Tests.Time;

public sealed class DayRangeTests
{
    [Fact]
    public void EachDay_ListsEveryDayOnce_InOrder()
    {
        Assert.Equal(
            [new DateOnly(2026, 2, 27), new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 1)],
            new DayRange(new DateOnly(2026, 2, 27), new DateOnly(2026, 3, 1)).EachDay());
    }

    [Fact]
    public void EachDay_EndsOnTheCalendarsLastDay_WithoutSteppingPastIt()
    {
        // Found by fuzzing GET /api/tco/{id}?from=9999-12-31: stepping a day past the last one threw.
        Assert.Equal([DateOnly.MaxValue.AddDays(-1), DateOnly.MaxValue], new DayRange(DateOnly.MaxValue.AddDays(-1), DateOnly.MaxValue).EachDay());
    }
}
