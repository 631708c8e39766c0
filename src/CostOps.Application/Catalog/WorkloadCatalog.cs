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
}
