using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>
/// Sits before the SDK's retry policy and turns "every attempt failed without an answer" into one
/// <see cref="TableStorageUnreachableException"/> naming the endpoint. Without it the caller sees the retry policy's
/// <see cref="AggregateException"/> ("Retry failed after 4 tries. Retry settings can be adjusted in ...").
/// Answers with a status (throttling, 4xx, 5xx) and the caller's own cancellation pass through untouched.
/// </summary>
internal sealed class UnreachableStoragePolicy : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            ProcessNext(message, pipeline);
        }
        catch (Exception exception) when (Unreachable(message, exception) is { } unreachable)
        {
            throw unreachable;
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        catch (Exception exception) when (Unreachable(message, exception) is { } unreachable)
        {
            throw unreachable;
        }
    }

    private static TableStorageUnreachableException? Unreachable(HttpMessage message, Exception exception)
    {
        if (message.CancellationToken.IsCancellationRequested)
        {
            return null;
        }
        IReadOnlyList<Exception> attempts = exception is AggregateException aggregate ? aggregate.InnerExceptions : [exception];
        if (attempts.Count == 0 || !attempts.All(NoAnswer))
        {
            return null;
        }
        var endpoint = new Uri(message.Request.Uri.ToUri().GetLeftPart(UriPartial.Authority));
        return new TableStorageUnreachableException(endpoint, attempts.Count, attempts[^1].Message, exception);
    }

    // Status 0 is the SDK's "no response" (refused, DNS); a cancellation the caller did not ask for is a network timeout.
    private static bool NoAnswer(Exception exception) =>
        exception is RequestFailedException { Status: 0 } or OperationCanceledException or TimeoutException;
}
