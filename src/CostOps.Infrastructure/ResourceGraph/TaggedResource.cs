namespace CostOps.Infrastructure.ResourceGraph;

/// <summary>One row of a tag query: a VM or scale set as Resource Graph indexes it.</summary>
public sealed record TaggedResource(string Id, string Name, string Type, string? Location, IReadOnlyDictionary<string, string> Tags);
