namespace CostOps.Application.Digest.Inputs;

/// <summary>One run of a scheduled job (table <c>Runs</c>), reduced to what the digest reports.</summary>
/// <param name="Job">The job name (e.g. <c>NightlyTco</c>, <c>Autopilot</c>).</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="Status">How it ended.</param>
/// <param name="ErrorSummary">A short, secret-free description of what failed; null when nothing did.</param>
public sealed record DigestRunRow(string Job, DateTimeOffset StartedAt, RunStatus Status, string? ErrorSummary);
