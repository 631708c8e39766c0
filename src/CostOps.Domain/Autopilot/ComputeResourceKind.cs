namespace CostOps.Domain.Autopilot;

/// <summary>The GPU compute resources the autopilot controls.</summary>
public enum ComputeResourceKind
{
    /// <summary><c>Microsoft.Compute/virtualMachines</c>: paused by deallocating, resumed by starting.</summary>
    VirtualMachine = 0,

    /// <summary><c>Microsoft.Compute/virtualMachineScaleSets</c>: paused by capacity 0, scaled by <c>sku.capacity</c>.</summary>
    ScaleSet = 1,
}
