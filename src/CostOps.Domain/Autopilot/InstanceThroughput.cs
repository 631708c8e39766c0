using System.Globalization;

namespace CostOps.Domain.Autopilot;

/// <summary>Where the throughput behind a scale set's size came from.</summary>
public enum ThroughputBasis
{
    /// <summary>The catalog's <c>selfHosted.tokensPerSecondPerInstance</c> (a load test's figure).</summary>
    Catalog = 0,

    /// <summary>The highest nightly p95 of served tokens/s per running instance in the trailing window (vLLM counters).</summary>
    MeasuredP95 = 1,
}

/// <summary>
/// T, the tokens per second one instance serves, and where it came from: the capacity per instance
/// (C = T x u x H x 3600 / tokens per request) is computed from it, and a scaling decision says which it used.
/// </summary>
/// <param name="TokensPerSecond">T, input + output tokens per second of one instance.</param>
/// <param name="TargetUtilization">u, the share of T the fleet is sized to use.</param>
/// <param name="MeasuredNights">For <see cref="ThroughputBasis.MeasuredP95"/>: how many nights of the window measured a p95.</param>
public sealed record InstanceThroughput(decimal TokensPerSecond, ThroughputBasis Basis, decimal TargetUtilization, int MeasuredNights = 0)
{
    /// <summary>For a decision's reason, e.g. "the measured p95 of 1,234 tokens/s per running instance (highest of 7 nights) at 80% target utilization".</summary>
    public string Describe()
    {
        var tokens = TokensPerSecond.ToString("N0", CultureInfo.InvariantCulture);
        var utilization = TargetUtilization.ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal);
        return Basis == ThroughputBasis.MeasuredP95
            ? $"the measured p95 of {tokens} tokens/s per running instance (highest of {MeasuredNights} {(MeasuredNights == 1 ? "night" : "nights")}) at {utilization} target utilization"
            : $"the catalog's {tokens} tokens/s per instance at {utilization} target utilization";
    }
}
