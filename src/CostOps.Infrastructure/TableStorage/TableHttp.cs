using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>
/// The Azure.Core pipeline for one account endpoint: builds requests with the Table service's
/// common headers and sends them. The pipeline never throws on error statuses; callers map them.
/// </summary>
internal sealed class TableHttp
{
    private readonly HttpPipeline _pipeline;

    private TableHttp(HttpPipeline pipeline, Uri endpoint)
    {
        _pipeline = pipeline;
        Endpoint = endpoint;
        BaseUrl = endpoint.AbsoluteUri.TrimEnd('/');
    }

    /// <summary>The account's table endpoint, e.g. https://acct.table.core.windows.net or http://127.0.0.1:10002/devstoreaccount1.</summary>
    public Uri Endpoint { get; }

    /// <summary>The endpoint without a trailing slash; relative paths are appended after a '/'.</summary>
    public string BaseUrl { get; }

    public static TableHttp Create(Uri endpoint, TokenCredential credential, TableClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        // BearerTokenAuthenticationPolicy itself refuses plain HTTP, which keeps tokens off the wire.
        return Create(endpoint, new BearerTokenAuthenticationPolicy(credential, TableConstants.StorageScope), options ?? new TableClientOptions());
    }

    public static TableHttp Create(Uri endpoint, TableSharedKeyCredential credential, TableClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        options ??= new TableClientOptions();
        return Create(endpoint, new TableSharedKeyLitePolicy(credential, options.TimeProvider), options);
    }

    private static TableHttp Create(Uri endpoint, HttpPipelinePolicy authentication, TableClientOptions options)
    {
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The table endpoint must be an absolute http or https URI.", nameof(endpoint));
        }
        // Authentication is per retry so each attempt is signed (Shared Key needs a fresh x-ms-date).
        // Azure.Core builds its RetryPolicy from options.Retry: exponential delays that honour
        // Retry-After, retrying 408/429/500/502/503/504, at most MaxRetries times.
        var pipeline = HttpPipelineBuilder.Build(options, [], [authentication], new ResponseClassifier());
        return new TableHttp(pipeline, endpoint);
    }

    public string Url(string relativePath) => BaseUrl + "/" + relativePath;

    public HttpMessage CreateMessage(RequestMethod method, string relativePath, string accept = TableConstants.AcceptMinimalMetadata)
    {
        var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(new Uri(Url(relativePath)));
        request.Headers.SetValue("x-ms-version", TableConstants.ApiVersion);
        request.Headers.SetValue("DataServiceVersion", "3.0");
        request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        request.Headers.SetValue(HttpHeader.Names.Accept, accept);
        return message;
    }

    public static void SetJsonContent(HttpMessage message, byte[] json)
    {
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, TableConstants.JsonContentType);
        message.Request.Content = RequestContent.Create(json);
    }

    public async ValueTask<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response;
    }
}
