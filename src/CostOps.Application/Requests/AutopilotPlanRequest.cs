using System.Text.Json;
using CostOps.Application.Json;
using CostOps.Domain.Validation;

namespace CostOps.Application.Requests;

/// <summary>The body of <c>POST /api/autopilot/plan</c>; optional, as is its field.</summary>
/// <param name="WorkloadIds">Only these workloads (at least one when given); every workload of the catalog when absent.</param>
public sealed record AutopilotPlanRequest(IReadOnlyList<string>? WorkloadIds = null)
{
    /// <summary>Binds a JSON body (null: no body) strictly: unknown fields and wrong types are errors naming the field.</summary>
    public static AutopilotPlanRequest Bind(JsonElement? body, FieldErrors errors)
    {
        if (body is not { } root || JsonObjectReader.ForObject(root, "", errors) is not { } reader)
        {
            return new AutopilotPlanRequest();
        }
        var request = new AutopilotPlanRequest(reader.ReadStringArray(WorkloadIdsField.Name));
        reader.RejectUnknownFields();
        return request;
    }
}
