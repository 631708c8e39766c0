using System.Text.Json;
using CostOps.Application.Json;
using CostOps.Domain.Validation;

namespace CostOps.Application.Requests;

/// <summary>
/// The body of <c>POST /api/tco/recalculate</c>; every field is optional and an empty body is allowed.
/// </summary>
/// <param name="WorkloadIds">Workloads to recompute (at least one when given); all of the catalog when absent.</param>
/// <param name="From">First UTC day, yyyy-MM-dd; defaults to <c>to</c>.</param>
/// <param name="To">Last UTC day, yyyy-MM-dd, a whole past day (yesterday at the latest); defaults to <c>from</c>, or to yesterday when neither is given.</param>
public sealed record RecalculateRequest(IReadOnlyList<string>? WorkloadIds = null, DateOnly? From = null, DateOnly? To = null)
{
    /// <summary>Binds a JSON body (null: no body) strictly: unknown fields and wrong types are errors naming the field.</summary>
    public static RecalculateRequest Bind(JsonElement? body, FieldErrors errors)
    {
        if (body is not { } root || JsonObjectReader.ForObject(root, "", errors) is not { } reader)
        {
            return new RecalculateRequest();
        }
        var request = new RecalculateRequest(reader.ReadStringArray(WorkloadIdsField.Name), reader.ReadDate("from"), reader.ReadDate("to"));
        reader.RejectUnknownFields();
        return request;
    }
}
