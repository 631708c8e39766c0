using Azure;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>
/// A conditional write or delete lost a race: the entity's ETag no longer matches
/// (HTTP 412, <c>UpdateConditionNotSatisfied</c>). Re-read the entity and decide again.
/// </summary>
public sealed class TableConcurrencyException : RequestFailedException
{
    /// <summary>Creates the exception.</summary>
    public TableConcurrencyException(string message, string? errorCode, Exception? innerException = null)
        : base(412, message, errorCode, innerException)
    {
    }
}
