namespace CostOps.Infrastructure.CostManagement;

/// <summary>One cost row (resource, day) as read from Cost Management or a FOCUS export.</summary>
public sealed record CostRow(string ResourceId, DateOnly Day, decimal Cost, string? Currency, decimal? CostUsd);
