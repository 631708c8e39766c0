using CostOps.Domain.Validation;

namespace CostOps.Application.Catalog;

/// <summary>The workloads CostOps tracks, read and validated once at start-up.</summary>
public sealed class WorkloadCatalog
{
    private readonly Dictionary<string, WorkloadDefinition> _byId;

    public WorkloadCatalog(IReadOnlyList<WorkloadDefinition> workloads, string source)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        Workloads = workloads;
        Source = source;
        _byId = workloads.ToDictionary(w => w.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<WorkloadDefinition> Workloads { get; }

    /// <summary>Where the catalog was read from (a file path, or "inline").</summary>
    public string Source { get; }

    public WorkloadDefinition? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The workloads with these ids, in the order given (duplicates once); every workload when null or empty.</summary>
    /// <exception cref="DomainValidationException">An id is not in the catalog (field <c>workloadIds</c>, one error per id).</exception>
    public IReadOnlyList<WorkloadDefinition> Select(IReadOnlyList<string>? ids)
    {
        if (ids is null || ids.Count == 0)
        {
            return Workloads;
        }
        var unknown = ids.Where(id => Find(id) is null).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainValidationException(unknown.Select(id => new FieldError("workloadIds", $"'{id}' is not in the workload catalog")).ToArray());
        }
        return ids.Distinct(StringComparer.Ordinal).Select(id => Find(id)!).ToList();
    }
}
