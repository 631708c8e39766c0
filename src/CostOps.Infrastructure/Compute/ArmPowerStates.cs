using CostOps.Domain.Autopilot;

namespace CostOps.Infrastructure.Compute;

/// <summary>Reads a VM's power state from its instance view statuses (<c>PowerState/running</c>, ...).</summary>
internal static class ArmPowerStates
{
    private const string Prefix = "PowerState/";

    /// <summary>
    /// The first <c>PowerState/*</c> code, matched by prefix because the statuses list also holds
    /// <c>ProvisioningState/*</c> entries and may lack a power state while provisioning.
    /// </summary>
    public static VmPowerState From(IEnumerable<string?> statusCodes)
    {
        ArgumentNullException.ThrowIfNull(statusCodes);
        var code = statusCodes.FirstOrDefault(c => c?.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) == true);
        return code?[Prefix.Length..].ToLowerInvariant() switch
        {
            "starting" => VmPowerState.Starting,
            "running" => VmPowerState.Running,
            "stopping" => VmPowerState.Stopping,
            "stopped" => VmPowerState.Stopped,
            "deallocating" => VmPowerState.Deallocating,
            "deallocated" => VmPowerState.Deallocated,
            _ => VmPowerState.Unknown,
        };
    }
}
