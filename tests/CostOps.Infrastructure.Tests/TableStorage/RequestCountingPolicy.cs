using Azure.Core;
using Azure.Core.Pipeline;

namespace CostOps.Infrastructure.Tests.TableStorage;

/// <summary>Counts the HTTP attempts a pipeline makes, so tests can prove validation sent nothing.</summary>
internal sealed class RequestCountingPolicy : HttpPipelineSynchronousPolicy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}
