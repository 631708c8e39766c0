namespace CostOps.Application.Jobs;

/// <summary>Why and when a job runs.</summary>
/// <param name="TriggeredAt">The host's clock when it fired the trigger (UTC).</param>
/// <param name="IsPastDue">The host is catching up a missed occurrence (e.g. after a restart).</param>
/// <param name="LastScheduledRun">The previous occurrence the host recorded, if it tracks schedules.</param>
/// <param name="InvocationId">The host's invocation id, kept with the run for correlation.</param>
/// <param name="RetryCount">How often the host has retried this invocation (0 for the first try).</param>
/// <param name="Trigger">What started the run: <c>timer</c>, <c>http</c> or <c>cli</c>.</param>
public sealed record JobContext(
    DateTimeOffset TriggeredAt,
    bool IsPastDue,
    DateTimeOffset? LastScheduledRun,
    string InvocationId,
    int RetryCount,
    string Trigger);
