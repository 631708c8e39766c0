using Azure;

namespace CostOps.Functions.Api.Http;

/// <summary>
/// Recognizes a failed storage call. Azure.Core throws <see cref="RequestFailedException"/> for an
/// answer it will not retry, but an <see cref="AggregateException"/> of them once every retry of an
/// unreachable service has failed; both mean the same thing to a caller.
/// </summary>
internal static class StorageFailure
{
    public static bool TryGet(Exception exception, out RequestFailedException failure)
    {
        switch (exception)
        {
            case RequestFailedException single:
                failure = single;
                return true;
            case AggregateException aggregate when aggregate.InnerExceptions.Count > 0
                && aggregate.InnerExceptions.All(e => e is RequestFailedException):
                failure = (RequestFailedException)aggregate.InnerExceptions[^1];
                return true;
            default:
                failure = null!;
                return false;
        }
    }
}
