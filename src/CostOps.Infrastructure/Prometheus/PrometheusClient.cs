using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using CostOps.Infrastructure.Pipeline;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.Prometheus;

/// <summary>
/// <c>/api/v1/query_range</c> against any Prometheus-compatible API: Azure Monitor managed Prometheus (bearer token
/// for <see cref="ManagedPrometheusScope"/>, built into the pipeline) or a plain Prometheus (no auth).
/// </summary>
public sealed class PrometheusClient : IPrometheusRangeReader
{
    public const string ManagedPrometheusScope = "https://prometheus.monitor.azure.com/.default";

    private readonly SourceContext _source;
    private readonly Uri _queryRange;
    private readonly HttpPipeline _pipeline;
    private readonly PrometheusHttpMethod _method;
    private readonly ILogger _logger;

    public PrometheusClient(string sourceName, Uri endpoint, HttpPipeline pipeline, PrometheusHttpMethod method, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(logger);
        _source = new SourceContext(sourceName, "Prometheus query_range");
        // The endpoint may carry a path prefix (a Prometheus behind a reverse proxy), so append rather than replace.
        _queryRange = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/api/v1/query_range");
        _pipeline = pipeline;
        _method = method;
        _logger = logger;
    }

    public async Task<IReadOnlyList<PrometheusSeries>> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero);
        var parameters = new (string Name, string Value)[]
        {
            ("query", query),
            ("start", start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            ("end", end.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            ("step", step.TotalSeconds.ToString(CultureInfo.InvariantCulture)),
        };

        using var message = _pipeline.CreateMessage();
        // A week of samples at a one-minute step is about a megabyte: buffer it in pooled memory
        // (PooledResponseBufferPolicy), not in a fresh growing array per query.
        message.BufferResponse = false;
        message.Request.Uri.Reset(_queryRange);
        message.Request.Headers.SetValue("Accept", "application/json");
        if (_method == PrometheusHttpMethod.Get)
        {
            message.Request.Method = RequestMethod.Get;
            foreach (var (name, value) in parameters)
            {
                message.Request.Uri.AppendQuery(name, value);
            }
        }
        else
        {
            message.Request.Method = RequestMethod.Post;
            message.Request.Headers.SetValue("Content-Type", "application/x-www-form-urlencoded");
            message.Request.Content = RequestContent.Create(string.Join('&', parameters.Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}")));
        }

        var response = await TelemetryHttp.SendAsync(_pipeline, message, _source, cancellationToken).ConfigureAwait(false);
        try
        {
            TelemetryHttp.EnsureSuccess(response, _source);
            var body = TelemetryHttp.ReadJson(response, PrometheusJsonContext.Default.PrometheusResponseBody, _source);
            return PrometheusParser.Parse(body, _source, _logger);
        }
        finally
        {
            // Azure.Core never disposes a body held in a MemoryStream (it keeps buffered bodies readable after the
            // response), so the pooled buffer goes back here, once nothing refers to its bytes any more.
            response.ContentStream?.Dispose();
        }
    }
}
