using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace CostOps.TestSupport;

/// <summary>A request the loopback server received, kept for assertions.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A real Kestrel server on 127.0.0.1 (a free port) that replays recorded upstream payloads.
/// HTTPS by default because Azure.Core refuses bearer tokens over plain HTTP; the certificate is
/// made per server and trusted only by the transport this class hands out (never globally).
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private LoopbackServer(WebApplication app, X509Certificate2? certificate, Uri baseUri)
    {
        _app = app;
        Certificate = certificate;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public X509Certificate2? Certificate { get; }

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Starts a server whose every request goes to <paramref name="handler"/>.</summary>
    public static async Task<LoopbackServer> StartAsync(Func<HttpContext, Task> handler, bool https = true)
    {
        var certificate = https ? CreateCertificate() : null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        var app = builder.Build();
        LoopbackServer? server = null;
        app.Run(async context =>
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            server!._requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body));
            await handler(context);
        });
        await app.StartAsync();
        var address = app.Urls.First();
        server = new LoopbackServer(app, certificate, new Uri(address.EndsWith('/') ? address : address + "/"));
        return server;
    }

    /// <summary>An HttpClientHandler that trusts exactly this server's certificate.</summary>
    public HttpClientHandler CreateTrustingHandler()
    {
        var thumbprint = Certificate?.Thumbprint;
        return new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => thumbprint is not null && cert?.Thumbprint == thumbprint,
        };
    }

    /// <summary>An Azure.Core transport that trusts exactly this server's certificate.</summary>
    public HttpClientTransport CreateTransport() => new(CreateTrustingHandler());

    /// <summary>A plain HttpClient that trusts exactly this server's certificate.</summary>
    public HttpClient CreateHttpClient() => new(CreateTrustingHandler()) { BaseAddress = BaseUri };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate?.Dispose();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Reload through PKCS#12 so the private key is usable by SslStream on Linux.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }
}
