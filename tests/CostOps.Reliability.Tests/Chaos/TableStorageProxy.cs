using System.Net.Sockets;
using CostOps.TestSupport;
using Microsoft.AspNetCore.Http;

namespace CostOps.Reliability.Tests.Chaos;

/// <summary>
/// A plain-HTTP loopback reverse proxy in front of Azurite that slows every table request down, counts them and lets a
/// test act when the n-th one arrives (kill the CLI, stop Azurite). The slow storage is what widens the window in
/// which a fault lands mid-run: the product gathers all telemetry before it writes any row, so the writes are where a
/// crash could tear something. Shared-key signatures cover the path, not the host, so forwarding keeps them valid.
/// When Azurite is down the proxy drops the connection, as a stopped storage endpoint would.
/// </summary>
internal sealed class TableStorageProxy : IAsyncDisposable
{
    private readonly HttpClient _upstream;
    private LoopbackServer? _server;
    private int _requests;
    private int _dropped;

    private TableStorageProxy(Uri target)
    {
        Target = target;
        _upstream = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>Azurite's table endpoint root (<c>http://127.0.0.1:port/</c>).</summary>
    public Uri Target { get; }

    /// <summary>How long every request waits before it is forwarded.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Table requests forwarded (or dropped) so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Requests dropped because Azurite did not answer.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>Called with the request's 1-based number and path before it is forwarded; awaited, so it can hold the request.</summary>
    public Func<int, string, Task>? OnRequest { get; set; }

    /// <summary>Azurite's connection string with the table endpoint moved to this proxy.</summary>
    public string ConnectionString(string azuriteConnectionString) =>
        string.Join(';', azuriteConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.StartsWith("TableEndpoint=", StringComparison.OrdinalIgnoreCase) ? $"TableEndpoint={_server!.BaseUri}devstoreaccount1" : part));

    public static async Task<TableStorageProxy> StartAsync(int azuritePort)
    {
        var proxy = new TableStorageProxy(new Uri($"http://127.0.0.1:{azuritePort}/"));
        proxy._server = await LoopbackServer.StartAsync(proxy.ForwardAsync, https: false);
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        _upstream.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _requests);
        if (OnRequest is { } onRequest)
        {
            await onRequest(number, context.Request.Path.Value ?? "");
        }
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(Target, context.Request.Path + context.Request.QueryString));
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        if (body.Length > 0 || context.Request.ContentLength is not null)
        {
            request.Content = new ByteArrayContent(body.ToArray());
        }
        foreach (var (name, values) in context.Request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await _upstream.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException || ex.HttpRequestError == HttpRequestError.ConnectionError)
        {
            Interlocked.Increment(ref _dropped);
            context.Abort();
            return;
        }
        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) || name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                context.Response.Headers[name] = values.ToArray();
            }
            var payload = await response.Content.ReadAsByteArrayAsync();
            if (payload.Length > 0)
            {
                await context.Response.Body.WriteAsync(payload);
            }
        }
    }
}
