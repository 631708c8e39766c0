namespace CostOps.Application.Nightly;

/// <summary>Settings of the TCO runs (section <c>CostOps:Nightly</c>).</summary>
public sealed class NightlyOptions
{
    public const string Section = "CostOps:Nightly";

    /// <summary>The nightly computes every workload in the timer's own invocation (the default).</summary>
    public const string SingleInstance = "SingleInstance";

    /// <summary>The nightly enqueues one message per shard; a queue-triggered function computes each shard.</summary>
    public const string FanOut = "FanOut";

    /// <summary>
    /// The Storage queue shards travel on when <see cref="Mode"/> is <see cref="FanOut"/> (its poison queue is
    /// <c>costops-nightly-shards-poison</c>). Fixed, not a setting: the queue trigger's name is resolved by the host at
    /// start-up, and a setting absent in single-instance apps would stop the host from loading the function.
    /// </summary>
    public const string ShardQueue = "costops-nightly-shards";

    /// <summary>Workloads gathered and computed at once.</summary>
    public int MaxParallelism { get; set; } = 8;

    /// <summary>Days of history behind the projected monthly demand (docs/economics.md; default 7).</summary>
    public int TrailingDays { get; set; } = 7;

    /// <summary>How many missed nights a past-due timer run catches up.</summary>
    public int MaxCatchUpDays { get; set; } = 7;

    /// <summary><see cref="SingleInstance"/> (default) or <see cref="FanOut"/>.</summary>
    public string Mode { get; set; } = SingleInstance;

    /// <summary>Whether the night is fanned out over the queue.</summary>
    public bool IsFanOut => string.Equals(Mode, FanOut, StringComparison.OrdinalIgnoreCase);
}
