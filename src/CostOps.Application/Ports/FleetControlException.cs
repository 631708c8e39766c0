namespace CostOps.Application.Ports;

/// <summary>ARM refused a fleet read or could not be reached; carries ARM's HTTP status and error code.</summary>
public sealed class FleetControlException : Exception
{
    public FleetControlException(string resourceId, int? status, string? errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ResourceId = resourceId;
        Status = status;
        ErrorCode = errorCode;
    }

    public string ResourceId { get; }

    /// <summary>ARM's HTTP status; null when no response arrived.</summary>
    public int? Status { get; }

    public string? ErrorCode { get; }
}
