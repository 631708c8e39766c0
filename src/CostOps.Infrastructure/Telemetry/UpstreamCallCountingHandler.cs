using CostOps.Application.Telemetry;

namespace CostOps.Infrastructure.Telemetry;

/// <summary>Counts every HTTP request the telemetry sources send (retries included) for the run's <c>UpstreamCalls</c>.</summary>
internal sealed class UpstreamCallCountingHandler(UpstreamCallCounter counter) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        counter.Increment();
        return base.SendAsync(request, cancellationToken);
    }
}
