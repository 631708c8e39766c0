namespace CostOps.FunctionsHost;

/// <summary>
/// The queue message properties the host passes with a queue trigger (trigger metadata
/// DequeueCount, Id, InsertionTime, ExpirationTime, NextVisibleTime, PopReceipt). Null fields get
/// plausible values at invocation time (a new id, now, now + 7 days, now + 10 minutes).
/// </summary>
public sealed record QueueMessageMetadata
{
    public string? Id { get; init; }

    public long DequeueCount { get; init; } = 1;

    public DateTimeOffset? InsertionTime { get; init; }

    public DateTimeOffset? ExpirationTime { get; init; }

    public DateTimeOffset? NextVisibleTime { get; init; }

    public string? PopReceipt { get; init; }
}
