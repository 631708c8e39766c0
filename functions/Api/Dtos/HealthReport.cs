namespace CostOps.Functions.Api.Dtos;

/// <summary>The answer of <c>GET /api/health</c> (200 when healthy or degraded, 503 with the same body when storage is not reachable).</summary>
/// <param name="Status"><c>healthy</c>; <c>degraded</c> when no scheduled nightly run has succeeded in the last 26 hours
/// (the app still serves; <c>problems</c> says why); <c>unhealthy</c> when storage is unreachable.</param>
/// <param name="LastNightlyRun">The newest scheduled (timer) NightlyTco run, however it ended; null when there has been none.
/// Manual runs (CLI backfills, HTTP recalculations) are in <c>jobs</c>, never here.</param>
/// <param name="LastSucceededNightlyRun">The newest scheduled NightlyTco run that succeeded; null when none.</param>
/// <param name="Jobs">Each job's latest run per trigger (timer, http, cli, demo); empty when storage is unreachable.</param>
/// <param name="Problems">Why the status is not healthy; empty when healthy.</param>
public sealed record HealthReport(
    string Status,
    StorageHealth Storage,
    CatalogHealth Catalog,
    LastRun? LastNightlyRun,
    LastRun? LastSucceededNightlyRun,
    IReadOnlyList<JobRun> Jobs,
    IReadOnlyList<string> Problems);

/// <summary>Whether the tables answered.</summary>
/// <param name="Problem">Why not (status or error code only; never a connection string); null when reachable.</param>
public sealed record StorageHealth(bool Reachable, string? Problem);

/// <summary>The workload catalog read at start-up.</summary>
public sealed record CatalogHealth(bool Loaded, int Workloads);

/// <summary>When a run happened and how it ended.</summary>
public sealed record LastRun(string RunId, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string Status);

/// <summary>A job's latest run of one trigger.</summary>
/// <param name="Job">NightlyTco, TcoRecalculate, Autopilot or WeeklyDigest.</param>
/// <param name="Trigger">timer, http, cli or demo.</param>
public sealed record JobRun(string Job, string Trigger, string RunId, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string Status);
