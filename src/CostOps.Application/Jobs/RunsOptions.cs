namespace CostOps.Application.Jobs;

/// <summary>How runs are judged (section <c>CostOps:Runs</c>).</summary>
public sealed class RunsOptions
{
    public const string Section = "CostOps:Runs";

    /// <summary>The Functions host's default <c>functionTimeout</c> on Flex Consumption, and this repository's host.json.</summary>
    public static readonly TimeSpan DefaultAbandonedAfter = TimeSpan.FromMinutes(30);

    /// <summary>
    /// A run still Running after this long is Abandoned: no invocation outlives the function timeout, so nobody will
    /// finish it. The Functions app takes host.json's <c>functionTimeout</c>; the CLI uses the same 30 minutes.
    /// </summary>
    public TimeSpan AbandonedAfter { get; set; } = DefaultAbandonedAfter;
}
