namespace CostOps.Application.Digest;

/// <summary>The kinds of problem a digest calls out.</summary>
public enum DigestWarningKind
{
    /// <summary>Days whose telemetry completeness was below the threshold (0.9); such days block actions.</summary>
    IncompleteData,

    /// <summary>Days of the week with no daily row at all (never read as zero usage).</summary>
    MissingDays,

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

    /// <summary>A scheduled job run finished for some workloads only.</summary>
    RunPartial,

    /// <summary>A scheduled job run never finished (it died or the host stopped it at the function timeout).</summary>
    RunAbandoned,
}
