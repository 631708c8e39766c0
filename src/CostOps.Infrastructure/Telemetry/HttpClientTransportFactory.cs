using Azure.Core.Pipeline;

namespace CostOps.Infrastructure.Telemetry;

/// <summary>Transports over <see cref="IHttpClientFactory"/> clients (pooled handlers, DNS refresh).</summary>
internal sealed class HttpClientTransportFactory(IHttpClientFactory httpClientFactory) : ITelemetryTransportFactory
{
    public const string HttpClientName = "CostOps.Telemetry";

    private readonly IHttpClientFactory _httpClientFactory = httpClientFactory ?? throw new ArgumentNullException(nameof(httpClientFactory));

    public HttpPipelineTransport Create(string sourceName) => new HttpClientTransport(_httpClientFactory.CreateClient(HttpClientName));
}
