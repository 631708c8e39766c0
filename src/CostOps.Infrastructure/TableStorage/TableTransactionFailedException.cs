using Azure;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>
/// An entity-group transaction was rejected; nothing in it was written. <see cref="FailedTransactionActionIndex"/>
/// is the 0-based index of the action the service blamed, when it said which.
/// </summary>
public sealed class TableTransactionFailedException : RequestFailedException
{
    /// <summary>Creates the exception.</summary>
    public TableTransactionFailedException(int status, string message, string? errorCode, int? failedTransactionActionIndex)
        : base(status, message, errorCode, null)
    {
        FailedTransactionActionIndex = failedTransactionActionIndex;
    }

    /// <summary>The 0-based index of the failing action, or null when the service did not say.</summary>
    public int? FailedTransactionActionIndex { get; }
}
