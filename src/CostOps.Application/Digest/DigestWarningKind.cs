namespace CostOps.Application.Digest;

/// <summary>The kinds of problem a digest calls out.</summary>
public enum DigestWarningKind
{
    /// <summary>Days whose telemetry completeness was below the threshold (0.9); such days block actions.</summary>
    IncompleteData,

    /// <summary>Days without data: no stored row, or a row whose sources answered nothing (never read as zero usage).</summary>
    NoData,

    /// <summary>Days whose self-hosted cost or savings is unknown: the week's sums leave them out.</summary>
    UnknownCost,

    /// <summary>Days computed with prices older than the threshold (7 days).</summary>
    StalePrices,

    /// <summary>Days whose demand exceeded the self-hosted capacity at the maximum instance count.</summary>
    CapacityExceeded,

    /// <summary>Self-hosting never breaks even at current prices.</summary>
    NeverBreaksEven,

    /// <summary>An autopilot action was attempted and failed.</summary>
    ActionFailed,

    /// <summary>A scheduled job run failed.</summary>
    RunFailed,

    /// <summary>A scheduled job run finished for some workloads only (or some had no data).</summary>
    RunPartial,

    /// <summary>A scheduled job run never finished (it died or the host stopped it at the function timeout).</summary>
    RunAbandoned,
}
