using System.Text.Json.Nodes;
using CostOps.Application.Digest;
using CostOps.Application.Digest.Publishing;
using CostOps.Infrastructure.Teams;
using CostOps.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace CostOps.Infrastructure.Tests.Teams;

public sealed class GraphMailTransportTests : IAsyncDisposable
{
    private readonly FixedTokenCredential _credential = new();
    private readonly FakeLogger<GraphMailTransport> _logger = new();
    private LoopbackServer? _server;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task<GraphMailTransport> StartAsync(params Func<HttpContext, Task>[] responses)
    {
        var next = 0;
        _server = await LoopbackServer.StartAsync(context => responses[Math.Min(Interlocked.Increment(ref next) - 1, responses.Length - 1)](context));
        var options = new DigestOptions { GraphMailbox = "costops@contoso.com", Recipients = ["finops@contoso.com", "llm-costs@contoso.onmicrosoft.com"] };
        return new GraphMailTransport(GraphLoopback.Client(_server, _credential), Options.Create(options), _logger);
    }

    private static Func<HttpContext, Task> Answer(int status, string? retryAfter = null, string? json = null) => async context =>
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }
        if (json is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json);
        }
    };

    [Fact]
    public async Task ItSendsTheHtmlDigest_FromTheMailbox_ToEveryRecipient_WithTheBearerToken()
    {
        var digest = SampleDigest.Rendered();
        var transport = await StartAsync(Answer(202));

        await transport.SendAsync(digest);

        var request = Assert.Single(_server!.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1.0/users/costops@contoso.com/sendMail", Uri.UnescapeDataString(request.PathAndQuery));
        Assert.Equal("Bearer test-token", request.Header("Authorization"));
        Assert.Equal([GraphLoopback.Scope], Assert.Single(_credential.RequestedScopes));
        // SDK 5.92 writes the action parameters as "Message" and "SaveToSentItems" (Graph reads them case-insensitively).
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal(digest.Subject, (string?)body["Message"]!["subject"]);
        Assert.Equal("html", (string?)body["Message"]!["body"]!["contentType"]);
        Assert.Equal(digest.Html, (string?)body["Message"]!["body"]!["content"]);
        Assert.Equal(
            ["finops@contoso.com", "llm-costs@contoso.onmicrosoft.com"],
            body["Message"]!["toRecipients"]!.AsArray().Select(r => (string?)r!["emailAddress"]!["address"]));
        Assert.False((bool?)body["SaveToSentItems"]);
    }

    [Fact]
    public async Task TheSdksRetryHandler_HonoursA429RetryAfter_AndTheMailGoesThrough()
    {
        var transport = await StartAsync(Answer(429, "0"), Answer(429, "0"), Answer(202));

        await transport.SendAsync(SampleDigest.Rendered());

        Assert.Equal(3, _server!.Requests.Count);
        Assert.Equal([null, "1", "2"], _server.Requests.Select(r => r.Header("Retry-Attempt")));
        Assert.All(_server.Requests, r => Assert.Equal(_server.Requests[0].Body, r.Body));
    }

    [Fact]
    public async Task WhenTheSdkRunsOutOfRetries_ItIsReportedAsATransportFailure()
    {
        var transport = await StartAsync(Answer(429, "0"));

        var error = await Assert.ThrowsAsync<DigestTransportException>(() => transport.SendAsync(SampleDigest.Rendered()));

        Assert.Equal(4, _server!.Requests.Count);
        Assert.Equal(429, error.StatusCode);
        Assert.Contains("after the SDK's retries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AForbiddenAnswer_SaysWhichPermissionIsMissing()
    {
        var transport = await StartAsync(Answer(403, json: """{"error":{"code":"ErrorAccessDenied","message":"Access is denied. Check credentials and try again."}}"""));

        var error = await Assert.ThrowsAsync<DigestTransportException>(() => transport.SendAsync(SampleDigest.Rendered()));

        Assert.Equal(403, error.StatusCode);
        Assert.StartsWith("Microsoft Graph sendMail from costops@contoso.com failed: HTTP 403 ErrorAccessDenied: Access is denied.", error.Message, StringComparison.Ordinal);
        Assert.Contains("application permission Mail.Send", error.Message, StringComparison.Ordinal);
    }
}
