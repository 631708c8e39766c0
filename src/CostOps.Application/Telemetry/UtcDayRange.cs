namespace CostOps.Application.Telemetry;

/// <summary>
/// An inclusive range of UTC calendar days, the unit every telemetry fact is reported in.
/// <see cref="Start"/> is the first day's midnight UTC, <see cref="End"/> the midnight after the last day (exclusive).
/// </summary>
public readonly record struct UtcDayRange
{
    /// <summary>Creates a range from <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    public UtcDayRange(DateOnly first, DateOnly last)
    {
        if (last < first)
        {
            throw new ArgumentOutOfRangeException(nameof(last), last, $"The last day must not be before the first day ({first:yyyy-MM-dd}).");
        }
        First = first;
        Last = last;
    }

    /// <summary>The first day of the range.</summary>
    public DateOnly First { get; }

    /// <summary>The last day of the range (included).</summary>
    public DateOnly Last { get; }

    /// <summary>The number of days in the range.</summary>
    public int DayCount => Last.DayNumber - First.DayNumber + 1;

    /// <summary>Midnight UTC at the start of <see cref="First"/>.</summary>
    public DateTimeOffset Start => StartOf(First);

    /// <summary>Midnight UTC after <see cref="Last"/> (exclusive end).</summary>
    public DateTimeOffset End => StartOf(Last.AddDays(1));

    /// <summary>The days of the range in order.</summary>
    public IEnumerable<DateOnly> Days
    {
        get
        {
            for (var day = First; day <= Last; day = day.AddDays(1))
            {
                yield return day;
            }
        }
    }

    /// <summary>A range of one day.</summary>
    public static UtcDayRange OneDay(DateOnly day) => new(day, day);

    /// <summary>Midnight UTC at the start of <paramref name="day"/>.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The UTC day an instant falls on.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);

    /// <summary>True when <paramref name="day"/> is inside the range.</summary>
    public bool Contains(DateOnly day) => day >= First && day <= Last;

    /// <inheritdoc />
    public override string ToString() => $"{First:yyyy-MM-dd}..{Last:yyyy-MM-dd}";
}
