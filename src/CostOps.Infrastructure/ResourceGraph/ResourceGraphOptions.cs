namespace CostOps.Infrastructure.ResourceGraph;

/// <summary>
/// Where the autopilot resolves tag selectors (configuration section <c>CostOps:Autopilot:ResourceGraph</c>). The ARM
/// endpoint and audience are the autopilot's (<c>CostOps:Autopilot:Arm</c>); the identity is the telemetry one.
/// </summary>
public sealed class ResourceGraphOptions
{
    public const string SectionName = "CostOps:Autopilot:ResourceGraph";

    /// <summary>
    /// Subscription ids searched for a workload whose catalog entry names none (<c>selfHosted.subscriptions</c>). Empty:
    /// such workloads' tag selectors stay unresolved (a note in the decision), rather than searching every subscription
    /// the identity happens to read.
    /// </summary>
    public List<string> Subscriptions { get; set; } = [];
}
