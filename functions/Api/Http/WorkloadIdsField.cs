using CostOps.Application.Catalog;
using CostOps.Domain.Validation;

namespace CostOps.Functions.Api.Http;

/// <summary>
/// The optional <c>workloadIds</c> of a request body. Leaving it out means every workload, so an empty list is an
/// error rather than "none"; every id it names must be in the catalog.
/// </summary>
internal static class WorkloadIdsField
{
    /// <param name="whenLeftOut">What leaving the field out does, e.g. "plan every workload".</param>
    public static void Check(IReadOnlyList<string>? ids, WorkloadCatalog catalog, string whenLeftOut, FieldErrors errors)
    {
        if (ids is null)
        {
            return;
        }
        if (ids.Count == 0)
        {
            errors.Add("workloadIds", $"must name at least one workload; leave it out to {whenLeftOut}");
        }
        for (var i = 0; i < ids.Count; i++)
        {
            if (catalog.Find(ids[i]) is null)
            {
                errors.Add($"workloadIds[{i}]", $"'{ids[i]}' is not in the workload catalog");
            }
        }
    }
}
