namespace CostOps.Infrastructure.Compute;

/// <summary>Settings of the ARM fleet controller (configuration section <c>CostOps:Autopilot:Arm</c>).</summary>
public sealed class ArmFleetControllerOptions
{
    public const string SectionName = "CostOps:Autopilot:Arm";

    /// <summary>
    /// How long one write (deallocate, start, capacity change) may take before it is reported as
    /// timed out. GPU VMs usually deallocate in 1-3 minutes; starts can wait on allocation.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMinutes(15);
}
