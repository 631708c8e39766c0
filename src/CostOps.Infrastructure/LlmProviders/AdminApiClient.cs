using System.Text.Json.Serialization.Metadata;
using Azure.Core;
using Azure.Core.Pipeline;
using CostOps.Infrastructure.Pipeline;

namespace CostOps.Infrastructure.LlmProviders;

/// <summary>
/// What the providers' admin API clients share: a usage and a cost source, both redacting the admin key from every
/// error, and the JSON GET of one report page. Each provider sets its own path and query parameters.
/// </summary>
internal abstract class AdminApiClient
{
    private readonly Uri _endpoint;
    private readonly HttpPipeline _pipeline;

    protected AdminApiClient(string sourceName, Uri endpoint, HttpPipeline pipeline, string adminKey, string usageKind, string costKind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentException.ThrowIfNullOrWhiteSpace(adminKey);
        UsageSource = new SourceContext(sourceName, usageKind, [adminKey]);
        CostSource = UsageSource.For(costKind);
        _endpoint = endpoint;
        _pipeline = pipeline;
    }

    public SourceContext UsageSource { get; }

    public SourceContext CostSource { get; }

    /// <summary>GETs <paramref name="path"/> below the endpoint with the query <paramref name="appendQuery"/> adds, and reads the JSON answer.</summary>
    protected async Task<TPage> GetJsonAsync<TPage>(string path, Action<RequestUriBuilder> appendQuery, JsonTypeInfo<TPage> typeInfo, SourceContext source, CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        var uri = message.Request.Uri;
        uri.Reset(new Uri(_endpoint.AbsoluteUri.TrimEnd('/') + path));
        appendQuery(uri);
        message.Request.Headers.SetValue("Accept", "application/json");

        var response = await TelemetryHttp.SendAsync(_pipeline, message, source, cancellationToken).ConfigureAwait(false);
        TelemetryHttp.EnsureSuccess(response, source);
        return TelemetryHttp.ReadJson(response, typeInfo, source);
    }
}
