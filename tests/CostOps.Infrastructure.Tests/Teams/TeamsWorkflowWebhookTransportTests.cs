using System.Text.Json.Nodes;
using CostOps.Application.Digest;
using CostOps.Application.Digest.Publishing;
using CostOps.Infrastructure.Teams;
using CostOps.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace CostOps.Infrastructure.Tests.Teams;

public sealed class TeamsWorkflowWebhookTransportTests : IAsyncDisposable
{
    private const string Secret = "SECRETsig0123456789abcdef";
    private const string WebhookPath = "workflows/0f1e2d3c4b5a/triggers/manual/paths/invoke";
    private const string WebhookQuery = "?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=" + Secret;

    private readonly DelayRecordingTimeProvider _clock = new(SampleDigest.Now);
    private readonly FakeLogger<TeamsWorkflowWebhookTransport> _logger = new();
    private LoopbackServer? _server;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task<TeamsWorkflowWebhookTransport> StartAsync(params Func<HttpContext, Task>[] responses)
    {
        var next = 0;
        _server = await LoopbackServer.StartAsync(context => responses[Math.Min(Interlocked.Increment(ref next) - 1, responses.Length - 1)](context));
        return Transport(new Uri(_server.BaseUri, WebhookPath + WebhookQuery).AbsoluteUri, _server.CreateHttpClient());
    }

    private TeamsWorkflowWebhookTransport Transport(string url, HttpClient client, int maxAttempts = 4) =>
        new(client, Options.Create(new DigestOptions { WebhookUrl = url, WebhookMaxAttempts = maxAttempts }), _clock, _logger);

    private static Func<HttpContext, Task> Answer(int status, string? retryAfter = null, string body = "") => async context =>
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }
        await context.Response.WriteAsync(body);
    };

    [Fact]
    public async Task ItPostsTheWorkflowsEnvelope_WithTheCardAsAJsonObject()
    {
        var digest = SampleDigest.Rendered();
        var transport = await StartAsync(Answer(202));

        await transport.SendAsync(digest);

        var request = Assert.Single(_server!.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/" + WebhookPath + WebhookQuery, request.PathAndQuery);
        Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
        var body = JsonNode.Parse(request.Body)!.AsObject();
        Assert.Equal(["type", "attachments"], body.Select(p => p.Key));
        var attachment = Assert.Single(body["attachments"]!.AsArray())!.AsObject();
        Assert.Equal(["contentType", "contentUrl", "content"], attachment.Select(p => p.Key));
        var expected = new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject
                {
                    ["contentType"] = "application/vnd.microsoft.card.adaptive",
                    ["contentUrl"] = null,
                    ["content"] = JsonNode.Parse(digest.CardJson),
                },
            },
        };
        Assert.True(JsonNode.DeepEquals(expected, body), request.Body);
        Assert.Equal(System.Text.Json.JsonValueKind.Object, attachment["content"]!.GetValueKind());
    }

    [Fact]
    public async Task A429_IsRetried_AfterTheRetryAfterItAsks()
    {
        var transport = await StartAsync(Answer(429, "7"), Answer(429, "7"), Answer(202));

        await transport.SendAsync(SampleDigest.Rendered());

        Assert.Equal(3, _server!.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7)], _clock.Delays);
    }

    [Fact]
    public async Task A5xxWithoutRetryAfter_IsRetriedWithExponentialBackOff()
    {
        var transport = await StartAsync(Answer(503), Answer(502), Answer(200));

        await transport.SendAsync(SampleDigest.Rendered());

        Assert.Equal(3, _server!.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], _clock.Delays);
    }

    [Fact]
    public async Task Retries_AreBounded_ByTheConfiguredAttempts()
    {
        var transport = await StartAsync(Answer(500, body: "{\"error\":\"flow failed\"}"));

        var error = await Assert.ThrowsAsync<DigestTransportException>(() => transport.SendAsync(SampleDigest.Rendered()));

        Assert.Equal(4, _server!.Requests.Count);
        Assert.Equal(500, error.StatusCode);
        Assert.Equal("The Teams Workflows webhook answered 500 (InternalServerError) after 4 attempts: {\"error\":\"flow failed\"}.", error.Message);
    }

    [Fact]
    public async Task ARetryAfterLongerThanTheBound_EndsTheAttempts_RatherThanWaitingOrHammering()
    {
        var transport = await StartAsync(Answer(429, "3600"));

        var error = await Assert.ThrowsAsync<DigestTransportException>(() => transport.SendAsync(SampleDigest.Rendered()));

        Assert.Single(_server!.Requests);
        Assert.Empty(_clock.Delays);
        Assert.Contains("asked to retry after 3600 s", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(413)]
    public async Task AClientError_IsNotRetried(int status)
    {
        var transport = await StartAsync(Answer(status));

        var error = await Assert.ThrowsAsync<DigestTransportException>(() => transport.SendAsync(SampleDigest.Rendered()));

        Assert.Single(_server!.Requests);
        Assert.Equal(status, error.StatusCode);
    }

    [Fact]
    public async Task TheWebhookUrl_IsNeverInAnExceptionMessageOrALogEntry_EvenWhenTheServerEchoesIt()
    {
        var transport = await StartAsync(async context =>
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync($"{{\"error\":\"bad request to {context.Request.Scheme}://{context.Request.Host}{context.Request.Path}{context.Request.QueryString}\"}}");
        });

        var badRequest = await Assert.ThrowsAsync<DigestTransportException>(() => transport.SendAsync(SampleDigest.Rendered()));

        AssertNoSecret(badRequest.Message);
        Assert.Contains("[redacted]", badRequest.Message, StringComparison.Ordinal);
        Assert.Null(badRequest.InnerException);
        AssertNoSecret(_logger.Collector.AllText());
    }

    [Fact]
    public async Task TheWebhookUrl_IsNeverShown_WhenRetriesRunOutOrTheHostCannotBeReached()
    {
        var transport = await StartAsync(Answer(503, "1"));
        var exhausted = await Assert.ThrowsAsync<DigestTransportException>(() => transport.SendAsync(SampleDigest.Rendered()));

        using var unreachableClient = new HttpClient();
        var unreachable = Transport($"https://127.0.0.1:1/{WebhookPath}{WebhookQuery}", unreachableClient, maxAttempts: 2);
        var refused = await Assert.ThrowsAsync<DigestTransportException>(() => unreachable.SendAsync(SampleDigest.Rendered()));

        AssertNoSecret(exhausted.Message);
        AssertNoSecret(refused.Message);
        Assert.StartsWith("The Teams Workflows webhook could not be reached after 2 attempts: a network error", refused.Message, StringComparison.Ordinal);
        Assert.Contains(_logger.Collector.GetSnapshot(), e => e.Id.Id == 8202);
        AssertNoSecret(_logger.Collector.AllText());
    }

    [Fact]
    public async Task ACardTooLargeForTeams_IsRefusedBeforeSending()
    {
        var transport = await StartAsync(Answer(202));
        var huge = SampleDigest.Rendered() with { CardJson = $"{{\"type\":\"AdaptiveCard\",\"text\":\"{new string('x', 30_000)}\"}}" };

        var error = await Assert.ThrowsAsync<DigestTransportException>(() => transport.SendAsync(huge));

        Assert.Empty(_server!.Requests);
        Assert.Contains("Teams refuses messages over about 28000 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAWebhookUrl_ItFails_NamingTheSetting()
    {
        using var client = new HttpClient();
        var transport = new TeamsWorkflowWebhookTransport(client, Options.Create(new DigestOptions()), _clock, _logger);

        var error = await Assert.ThrowsAsync<DigestTransportException>(() => transport.SendAsync(SampleDigest.Rendered()));

        Assert.Contains("CostOps:Digest:WebhookUrl", error.Message, StringComparison.Ordinal);
    }

    private static void AssertNoSecret(string text)
    {
        Assert.DoesNotContain(Secret, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(WebhookPath, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("sig=", text, StringComparison.OrdinalIgnoreCase);
    }
}
