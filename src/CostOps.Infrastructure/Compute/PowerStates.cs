using CostOps.Application.Telemetry;

namespace CostOps.Infrastructure.Compute;

/// <summary>Reads the <c>PowerState/*</c> code out of instance-view statuses (matched by prefix; absent while provisioning).</summary>
internal static class PowerStates
{
    private const string Prefix = "PowerState/";

    public static PowerState From(IEnumerable<string?> statusCodes)
    {
        var code = statusCodes.FirstOrDefault(c => c?.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) == true);
        return code?[Prefix.Length..].ToLowerInvariant() switch
        {
            "starting" => PowerState.Starting,
            "running" => PowerState.Running,
            "stopping" => PowerState.Stopping,
            "stopped" => PowerState.Stopped,
            "deallocating" => PowerState.Deallocating,
            "deallocated" => PowerState.Deallocated,
            _ => PowerState.Unknown,
        };
    }
}
