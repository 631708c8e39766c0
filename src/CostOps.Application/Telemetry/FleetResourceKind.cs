namespace CostOps.Application.Telemetry;

/// <summary>The kind of GPU compute resource the fleet facts describe.</summary>
public enum FleetResourceKind
{
    /// <summary><c>Microsoft.Compute/virtualMachines</c>.</summary>
    VirtualMachine = 0,

    /// <summary><c>Microsoft.Compute/virtualMachineScaleSets</c>.</summary>
    ScaleSet,
}
