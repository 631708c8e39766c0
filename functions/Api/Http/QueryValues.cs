using System.Globalization;
using CostOps.Domain.Validation;

namespace CostOps.Functions.Api.Http;

/// <summary>
/// Query string values, parsed by hand so that a bad one is a field error naming the parameter
/// (the binder's own failures are bare 400s). Unknown parameters are ignored: the Functions host
/// forwards <c>code=&lt;function key&gt;</c> with the query.
/// </summary>
internal static class QueryValues
{
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>A UTC day as yyyy-MM-dd; null when absent or empty, an error when malformed.</summary>
    public static DateOnly? Date(string? text, string field, FieldErrors errors)
    {
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
    public static int Integer(string? text, string field, int min, int max, int fallback, FieldErrors errors)
    {
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
}
