using CostOps.Application.Requests;
using CostOps.Domain.Validation;

namespace CostOps.Functions.Api.Http;

/// <summary>
/// Query string values, parsed by hand so that a bad one is a field error naming the parameter
/// (the binder's own failures are bare 400s). Unknown parameters are ignored: the Functions host
/// forwards <c>code=&lt;function key&gt;</c> with the query.
/// </summary>
internal static class QueryValues
{
    public const string DateFormat = QueryText.DateFormat;

    /// <summary>A UTC day as yyyy-MM-dd; null when absent or empty, an error when malformed (<see cref="QueryText.Date"/>).</summary>
    public static DateOnly? Date(string? text, string field, FieldErrors errors) => QueryText.Date(text, field, errors);
}
