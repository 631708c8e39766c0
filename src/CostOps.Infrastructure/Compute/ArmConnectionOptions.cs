namespace CostOps.Infrastructure.Compute;

/// <summary>
/// Where the autopilot reaches Azure Resource Manager and as whom (configuration section
/// <c>CostOps:Autopilot:Arm</c>, next to <see cref="ArmFleetControllerOptions.OperationTimeout"/>).
/// Everything is optional: the defaults are the public cloud and the app's managed identity.
/// </summary>
public sealed class ArmConnectionOptions
{
    public const string SectionName = ArmFleetControllerOptions.SectionName;

    /// <summary>The ARM endpoint, e.g. <c>https://management.usgovcloudapi.net</c>; empty for the public cloud.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The token audience for <see cref="Endpoint"/>; empty to use the endpoint itself (true of the Azure clouds).</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// Client id of the user-assigned managed identity that may write to the GPU resources; empty to
    /// use the app's registered credential (the one telemetry reads with), or developer credentials locally.
    /// </summary>
    public string? ManagedIdentityClientId { get; set; }
}
