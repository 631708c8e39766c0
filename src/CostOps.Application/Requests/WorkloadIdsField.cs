using CostOps.Application.Catalog;
using CostOps.Domain.Validation;

namespace CostOps.Application.Requests;

/// <summary>
/// The optional <c>workloadIds</c> of a request. Leaving it out means every workload, so an empty list is an error
/// rather than "none"; every id it names must be in the catalog.
/// </summary>
public static class WorkloadIdsField
{
    /// <summary>The field's name in requests.</summary>
    public const string Name = "workloadIds";

    /// <summary>Adds a problem for an empty list and for every id the catalog does not hold.</summary>
    /// <param name="whenLeftOut">What leaving the field out does, e.g. "plan every workload".</param>
    public static void Check(IReadOnlyList<string>? ids, WorkloadCatalog catalog, string whenLeftOut, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(errors);
        if (ids is null)
        {
            return;
        }
        if (ids.Count == 0)
        {
            errors.Add(Name, $"must name at least one workload; leave it out to {whenLeftOut}");
        }
        for (var i = 0; i < ids.Count; i++)
        {
            if (catalog.Find(ids[i]) is null)
            {
                errors.Add($"{Name}[{i}]", $"'{ids[i]}' is not in the workload catalog");
            }
        }
    }
}
