namespace CostOps.Application.Telemetry;

/// <summary>A VM's power state as ARM reports it (<c>PowerState/*</c> instance-view codes).</summary>
public enum PowerState
{
    /// <summary>No <c>PowerState/*</c> status was reported (e.g. while provisioning).</summary>
    Unknown = 0,

    /// <summary><c>PowerState/starting</c>: billed.</summary>
    Starting,

    /// <summary><c>PowerState/running</c>: billed.</summary>
    Running,

    /// <summary><c>PowerState/stopping</c>: billed.</summary>
    Stopping,

    /// <summary><c>PowerState/stopped</c>: still allocated, still billed for compute.</summary>
    Stopped,

    /// <summary><c>PowerState/deallocating</c>.</summary>
    Deallocating,

    /// <summary><c>PowerState/deallocated</c>: not billed for compute.</summary>
    Deallocated,
}
