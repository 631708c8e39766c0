using System.Globalization;
using CostOps.Domain.Validation;

namespace CostOps.Application.Requests;

/// <summary>
/// Query-string and option values, parsed so that a bad one is a field error naming the parameter. Absent and empty
/// mean the same: not given.
/// </summary>
public static class QueryText
{
    /// <summary>The one day format of the API: a UTC day.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>A UTC day as yyyy-MM-dd; null when absent or empty, an error when malformed.</summary>
    public static DateOnly? Date(string? text, string field, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        errors.Add(field, $"must be a date as yyyy-MM-dd (was '{text}')");
        return null;
    }

    /// <summary>A whole number in <paramref name="min"/>..<paramref name="max"/>; <paramref name="fallback"/> when absent.</summary>
    public static int WholeNumber(string? text, string field, int min, int max, int fallback, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add(field, $"must be a whole number from {min} to {max} (was '{text}')");
            return fallback;
        }
        return value;
    }

    /// <summary>
    /// A moment: a day means its UTC midnight; a date-time must say its offset (a bare local time is ambiguous).
    /// Null when absent or empty, an error when malformed.
    /// </summary>
    public static DateTimeOffset? Moment(string? text, string field, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        if (text.Length > 10 && (text.EndsWith('Z') || text[^6] is '+' or '-')
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var moment))
        {
            return moment.ToUniversalTime();
        }
        errors.Add(field, $"must be a date (yyyy-MM-dd) or a date-time with an offset (e.g. 2026-11-20T01:30:00Z) (was '{text}')");
        return null;
    }
}
