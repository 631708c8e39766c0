using System.Text.RegularExpressions;

namespace CostOps.Application.Catalog;

/// <summary>Checks the ARM ids of GPU VMs and scale sets, the only resources the autopilot may touch.</summary>
public static partial class ArmResourceId
{
    [GeneratedRegex(
        @"^/subscriptions/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/resourceGroups/[-\w\._\(\)]{1,90}/providers/Microsoft\.Compute/(virtualMachines|virtualMachineScaleSets)/[-\w\._]{1,80}$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ComputeResource();

    /// <summary>True for <c>/subscriptions/{guid}/resourceGroups/{rg}/providers/Microsoft.Compute/(virtualMachines|virtualMachineScaleSets)/{name}</c>.</summary>
    public static bool IsGpuCompute(string id) => ComputeResource().IsMatch(id);

    public static bool IsScaleSet(string id) => id.Contains("/virtualMachineScaleSets/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The last segment of an ARM id: what people call the resource.</summary>
    public static string Name(string id)
    {
        var trimmed = id.TrimEnd('/');
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }
}
