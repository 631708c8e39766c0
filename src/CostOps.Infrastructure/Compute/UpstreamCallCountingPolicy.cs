using Azure.Core;
using Azure.Core.Pipeline;
using CostOps.Application.Telemetry;

namespace CostOps.Infrastructure.Compute;

/// <summary>Counts every request (retries included) an Azure SDK client sends, for the run's "upstream calls".</summary>
internal sealed class UpstreamCallCountingPolicy(UpstreamCallCounter counter) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) => counter.Increment();
}
