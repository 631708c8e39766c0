namespace CostOps.Functions.Api.Dtos;

/// <summary>The answer of <c>GET /api/health</c> (200 when healthy, 503 with the same body when not).</summary>
/// <param name="Status"><c>healthy</c> or <c>unhealthy</c> (storage unreachable).</param>
/// <param name="LastNightlyRun">The newest NightlyTco run; null when there has been none.</param>
public sealed record HealthReport(string Status, StorageHealth Storage, CatalogHealth Catalog, LastRun? LastNightlyRun);

/// <summary>Whether the tables answered.</summary>
/// <param name="Problem">Why not (status or error code only; never a connection string); null when reachable.</param>
public sealed record StorageHealth(bool Reachable, string? Problem);

/// <summary>The workload catalog read at start-up.</summary>
public sealed record CatalogHealth(bool Loaded, int Workloads);

/// <summary>When a run happened and how it ended.</summary>
public sealed record LastRun(string RunId, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string Status);
