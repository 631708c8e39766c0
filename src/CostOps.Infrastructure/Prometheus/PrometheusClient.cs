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

    public PrometheusClient(string sourceName, Uri endpoint, HttpPipeline pipeline, PrometheusHttpMethod method, ILogger logger, PrometheusQueryLimits? limits = null)
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
        Limits = limits ?? PrometheusQueryLimits.Server;
    }

    public PrometheusQueryLimits Limits { get; }

    /// <summary>The whole matrix, read into memory (small answers; a body cut off midway is retried by the pipeline).</summary>
    public async Task<IReadOnlyList<PrometheusSeries>> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken = default)
    {
        using var message = Create(query, start, end, step);
        // Buffered in pooled memory by PooledResponseBufferPolicy, inside the retry loop.
        message.BufferResponse = false;
        var series = new List<PrometheusSeries>();
        await SendAndReadAsync(message, (labels, samples) => series.Add(new PrometheusSeries(labels, samples.ToArray())), cancellationToken).ConfigureAwait(false);
        return series;
    }

    public async Task ReadRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, PrometheusSeriesHandler onSeries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onSeries);
        using var message = Create(query, start, end, step);
        // A fleet's answer runs to gigabytes: read it as it arrives, never whole. A body cut off midway fails the
        // query (its series were already handed over), where a buffered one would have been retried.
        PooledResponseBufferPolicy.StreamSuccessfulBody(message);
        await SendAndReadAsync(message, onSeries, cancellationToken).ConfigureAwait(false);
    }

    private HttpMessage Create(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step)
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

        var message = _pipeline.CreateMessage();
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
        return message;
    }

    private async Task SendAndReadAsync(HttpMessage message, PrometheusSeriesHandler onSeries, CancellationToken cancellationToken)
    {
        var response = await TelemetryHttp.SendAsync(_pipeline, message, _source, cancellationToken).ConfigureAwait(false);
        try
        {
            TelemetryHttp.EnsureSuccess(response, _source);
            var body = response.ContentStream ?? throw TelemetryHttp.Malformed(_source, "the answer has no body.");
            try
            {
                await PrometheusMatrixReader.ReadAsync(body, onSeries, _source, _logger, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException exception)
            {
                throw _source.Error($"answer was cut off: {exception.Message}", exception);
            }
        }
        finally
        {
            // Azure.Core never disposes a body held in a MemoryStream (it keeps buffered bodies readable after the
            // response), so the pooled buffer goes back here, once nothing refers to its bytes any more; a streamed
            // body's connection is released the same way.
            response.ContentStream?.Dispose();
        }
    }
}
