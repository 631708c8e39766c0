namespace CostOps.Application.Ports;

/// <summary>How carrying out one target ended.</summary>
public enum FleetActionStatus
{
    /// <summary>The write completed and the read-back shows the target state.</summary>
    Succeeded = 0,

    /// <summary>The resource was already in the target state: nothing was written.</summary>
    AlreadyInState = 1,

    /// <summary>Dry run: the write that would have been sent was not.</summary>
    DryRun = 2,

    /// <summary>Nothing to do: mode Off, or the target was not planned for action.</summary>
    Skipped = 3,

    /// <summary>ARM refused the read or the write (status and error code recorded), or the operation failed.</summary>
    Failed = 4,

    /// <summary>The write was accepted but did not complete within the timeout; the read-back state is recorded.</summary>
    TimedOut = 5,

    /// <summary>ARM reported success but the read-back does not show the target state (or could not be read).</summary>
    Unconfirmed = 6,
}
