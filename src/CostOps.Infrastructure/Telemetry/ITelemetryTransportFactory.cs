using Azure.Core.Pipeline;

namespace CostOps.Infrastructure.Telemetry;

/// <summary>
/// Supplies the HTTP transport of each source's pipeline. The default uses <see cref="System.Net.Http.IHttpClientFactory"/>;
/// register another implementation before <c>AddCostOpsTelemetry</c> to point sources elsewhere (loopback fakes).
/// </summary>
public interface ITelemetryTransportFactory
{
    HttpPipelineTransport Create(string sourceName);
}
