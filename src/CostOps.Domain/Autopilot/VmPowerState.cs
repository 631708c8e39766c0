namespace CostOps.Domain.Autopilot;

/// <summary>A VM's power state, from the instance view's <c>PowerState/*</c> status code.</summary>
public enum VmPowerState
{
    /// <summary>No power state was reported (e.g. while provisioning) or it could not be read.</summary>
    Unknown = 0,

    /// <summary><c>PowerState/starting</c>: billed.</summary>
    Starting = 1,

    /// <summary><c>PowerState/running</c>: billed.</summary>
    Running = 2,

    /// <summary><c>PowerState/stopping</c>: billed.</summary>
    Stopping = 3,

    /// <summary><c>PowerState/stopped</c>: powered off but still allocated, so still billed for compute.</summary>
    Stopped = 4,

    /// <summary><c>PowerState/deallocating</c>: on its way to not being billed.</summary>
    Deallocating = 5,

    /// <summary><c>PowerState/deallocated</c>: not billed for compute (disks still are).</summary>
    Deallocated = 6,
}
