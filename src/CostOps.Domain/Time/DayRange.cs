namespace CostOps.Domain.Time;

/// <summary>
/// An inclusive range of UTC days, <see cref="From"/> to <see cref="To"/>: the unit of every stored row
/// and every telemetry fact. <see cref="Start"/> and <see cref="End"/> are its instants for upstream queries.
/// </summary>
public readonly record struct DayRange
{
    public DayRange(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new ArgumentException($"the range ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd})", nameof(to));
        }
        From = from;
        To = to;
    }

    public DateOnly From { get; }

    public DateOnly To { get; }

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>Midnight UTC at the start of <see cref="From"/>.</summary>
    public DateTimeOffset Start => StartOf(From);

    /// <summary>Midnight UTC after <see cref="To"/> (exclusive end).</summary>
    public DateTimeOffset End => StartOf(To.AddDays(1));

    public static DayRange OneDay(DateOnly day) => new(day, day);

    /// <summary>The <paramref name="days"/> days that end on <paramref name="lastDay"/>.</summary>
    public static DayRange Trailing(DateOnly lastDay, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        return new DayRange(lastDay.AddDays(1 - days), lastDay);
    }

    /// <summary>Midnight UTC at the start of <paramref name="day"/>.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The UTC day an instant falls on.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);

    /// <summary>
    /// The last whole past UTC day at <paramref name="now"/>: the latest day CostOps computes or stores. Today is
    /// still running (its telemetry is partial), so "yesterday, UTC" is the only place this is decided.
    /// </summary>
    public static DateOnly YesterdayAt(DateTimeOffset now) => DayOf(now).AddDays(-1);

    /// <summary>The last whole past UTC day by <paramref name="time"/> (see <see cref="YesterdayAt"/>).</summary>
    public static DateOnly Yesterday(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return YesterdayAt(time.GetUtcNow());
    }

    public bool Contains(DateOnly day) => day >= From && day <= To;

    public IEnumerable<DateOnly> EachDay()
    {
        // By day number, so a range ending on the calendar's last day (9999-12-31) does not step past it.
        for (var number = From.DayNumber; number <= To.DayNumber; number++)
        {
            yield return DateOnly.FromDayNumber(number);
        }
    }

    public override string ToString() => $"{From:yyyy-MM-dd}..{To:yyyy-MM-dd}";
}
