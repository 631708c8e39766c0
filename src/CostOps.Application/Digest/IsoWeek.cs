using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CostOps.Application.Digest;

/// <summary>
/// An ISO 8601 week (Monday to Sunday, UTC), written <c>YYYY-Www</c> (e.g. <c>2026-W53</c>).
/// The year is the ISO week-year, which differs from the calendar year around New Year:
/// 2027-01-01 falls in 2026-W53, and 2024-12-30 in 2025-W01.
/// </summary>
public readonly record struct IsoWeek : IComparable<IsoWeek>
{
    /// <summary>Creates a week, rejecting a week number the week-year does not have.</summary>
    public IsoWeek(int year, int week)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);
        ArgumentOutOfRangeException.ThrowIfLessThan(week, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(week, ISOWeek.GetWeeksInYear(year));
        Year = year;
        Week = week;
    }

    /// <summary>The ISO week-year.</summary>
    public int Year { get; }

    /// <summary>The week number, 1 to 52 or 53.</summary>
    public int Week { get; }

    /// <summary>The first day of the week (a Monday).</summary>
    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    /// <summary>The last day of the week (a Sunday).</summary>
    public DateOnly Sunday => Monday.AddDays(6);

    /// <summary>The instant the week starts: Monday 00:00 UTC.</summary>
    public DateTimeOffset StartsAt => new(Monday.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The instant the week ends (exclusive): the next Monday 00:00 UTC.</summary>
    public DateTimeOffset EndsAt => StartsAt.AddDays(7);

    /// <summary>The week before this one.</summary>
    public IsoWeek Previous() => FromDate(Monday.AddDays(-7));

    /// <summary>The week after this one.</summary>
    public IsoWeek Next() => FromDate(Monday.AddDays(7));

    /// <summary>Whether <paramref name="day"/> falls inside this week.</summary>
    public bool Contains(DateOnly day) => day >= Monday && day <= Sunday;

    /// <summary>The week that contains <paramref name="day"/>.</summary>
    public static IsoWeek FromDate(DateOnly day)
    {
        var dateTime = day.ToDateTime(TimeOnly.MinValue);
        return new IsoWeek(ISOWeek.GetYear(dateTime), ISOWeek.GetWeekOfYear(dateTime));
    }

    /// <summary>The most recent week that has fully ended at <paramref name="now"/> (UTC).</summary>
    public static IsoWeek LastCompleted(DateTimeOffset now) =>
        FromDate(DateOnly.FromDateTime(now.UtcDateTime)).Previous();

    /// <summary>Parses <c>YYYY-Www</c> exactly (four-digit year, capital W, two-digit week).</summary>
    /// <exception cref="FormatException">The text is not a week this calendar has.</exception>
    public static IsoWeek Parse(string text) =>
        TryParse(text, out var week)
            ? week
            : throw new FormatException($"'{text}' is not an ISO week: expected YYYY-Www with a week the year has (e.g. 2026-W53).");

    /// <summary>Parses <c>YYYY-Www</c>; false for any other shape or a week the year does not have.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out IsoWeek week)
    {
        week = default;
        if (text is not { Length: 8 } || text[4] != '-' || text[5] != 'W')
        {
            return false;
        }
        if (!int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }
        if (year is < 1 or > 9998 || number < 1 || number > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }
        week = new IsoWeek(year, number);
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(IsoWeek other) => Year != other.Year ? Year.CompareTo(other.Year) : Week.CompareTo(other.Week);

    /// <summary>Whether <paramref name="left"/> comes before <paramref name="right"/>.</summary>
    public static bool operator <(IsoWeek left, IsoWeek right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> comes after <paramref name="right"/>.</summary>
    public static bool operator >(IsoWeek left, IsoWeek right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> is <paramref name="right"/> or comes before it.</summary>
    public static bool operator <=(IsoWeek left, IsoWeek right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> is <paramref name="right"/> or comes after it.</summary>
    public static bool operator >=(IsoWeek left, IsoWeek right) => left.CompareTo(right) >= 0;

    /// <summary>Formats as <c>YYYY-Www</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-W{Week:D2}");
}
