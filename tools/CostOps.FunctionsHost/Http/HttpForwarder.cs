using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace CostOps.FunctionsHost.Http;

/// <summary>
/// Forwards a client's request to the worker's own HTTP endpoint (its HttpUri capability) with the
/// invocation id header, sends the matching InvocationRequest, and streams the worker's response back.
/// </summary>
internal sealed class HttpForwarder : IDisposable
{
    // The header the host adds so the worker can pair the forwarded request with its invocation.
    public const string InvocationIdHeader = "x-ms-invocation-id";

    // Hop-by-hop headers belong to one connection and are never forwarded.
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
    };

    private readonly FunctionsHostEmulator _emulator;
    private readonly HttpClient _worker = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    })
    {
        // Functions may run long; the host's functionTimeout, not the client, bounds them.
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public HttpForwarder(FunctionsHostEmulator emulator)
    {
        _emulator = emulator;
    }

    public async Task ForwardAsync(HttpContext context, LoadedFunction function)
    {
        if (_emulator.WorkerHttpUri is not { } workerUri)
        {
            await Problems.Write(context, StatusCodes.Status501NotImplemented, "The worker has no HTTP endpoint",
                "The worker did not report an HttpUri capability; the emulator serves HTTP functions only through the ASP.NET Core integration (ConfigureFunctionsWebApplication).");
            return;
        }

        var invocationId = Guid.NewGuid().ToString();
        var cancellationToken = context.RequestAborted;
        using var forward = CreateForwardRequest(context, workerUri, invocationId);
        var routeValues = context.Request.RouteValues.Where(v => v.Value is not null)
            .ToDictionary(v => v.Key, v => Convert.ToString(v.Value, CultureInfo.InvariantCulture)!);

        // The worker holds the forwarded request until its invocation arrives (and the other way round), so both go at once.
        var responseTask = _worker.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var invocationTask = _emulator.InvokeHttpAsync(function, invocationId, context.Request.Method, new Uri(context.Request.GetEncodedUrl()), routeValues, cancellationToken);

        HttpResponseMessage response;
        try
        {
            response = await responseTask;
        }
        catch (HttpRequestException ex)
        {
            _emulator.RecordHttpInvocation(await OutcomeOf(invocationTask, invocationId));
            await Problems.Write(context, StatusCodes.Status502BadGateway, "The worker did not answer", $"Forwarding to the worker failed: {ex.Message}");
            return;
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            CopyHeaders(response.Headers, context.Response.Headers);
            CopyHeaders(response.Content.Headers, context.Response.Headers);
            await response.Content.CopyToAsync(context.Response.Body, cancellationToken);
        }

        _emulator.RecordHttpInvocation(await OutcomeOf(invocationTask, invocationId));
    }

    public void Dispose() => _worker.Dispose();

    // The client already has its answer; an invocation that broke is recorded, not thrown into a finished response.
    private static async Task<InvocationOutcome> OutcomeOf(Task<InvocationOutcome> invocation, string invocationId)
    {
        try
        {
            return await invocation;
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or OperationCanceledException)
        {
            return new InvocationOutcome(invocationId, InvocationStatus.Failure, ex.Message, []);
        }
    }

    private static HttpRequestMessage CreateForwardRequest(HttpContext context, Uri workerUri, string invocationId)
    {
        var request = context.Request;
        var target = new Uri(workerUri, request.PathBase.Add(request.Path).ToUriComponent() + request.QueryString.ToUriComponent());
        var forward = new HttpRequestMessage(new HttpMethod(request.Method), target) { Version = new Version(1, 1) };
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            forward.Content = new StreamContent(request.Body);
        }
        else if (request.ContentLength == 0)
        {
            forward.Content = new ByteArrayContent([]);
        }

        foreach (var (name, values) in request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!forward.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                forward.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        forward.Headers.Remove(InvocationIdHeader);
        forward.Headers.TryAddWithoutValidation(InvocationIdHeader, invocationId);
        return forward;
    }

    private static void CopyHeaders(System.Net.Http.Headers.HttpHeaders from, IHeaderDictionary to)
    {
        foreach (var (name, values) in from)
        {
            if (!HopByHop.Contains(name))
            {
                to[name] = values.ToArray();
            }
        }
    }
}
