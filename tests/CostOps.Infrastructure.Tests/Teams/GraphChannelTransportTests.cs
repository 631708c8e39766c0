using System.Text.Json.Nodes;
using CostOps.Application.Digest;
using CostOps.Application.Digest.Publishing;
using CostOps.Infrastructure.Teams;
using CostOps.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace CostOps.Infrastructure.Tests.Teams;

public sealed class GraphChannelTransportTests : IAsyncDisposable
{
    private const string TeamId = "8b1f2c7e-58a1-4a53-9f0f-31e0d1c2b3a4";
    private const string ChannelId = "19:4f3e2d1c0b9a48e7@thread.tacv2";

    private readonly FixedTokenCredential _credential = new();
    private readonly FakeLogger<GraphChannelTransport> _logger = new();
    private LoopbackServer? _server;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task<GraphChannelTransport> StartAsync(Func<HttpContext, Task> respond)
    {
        _server = await LoopbackServer.StartAsync(respond);
        var options = new DigestOptions { TeamId = TeamId, ChannelId = ChannelId };
        return new GraphChannelTransport(GraphLoopback.Client(_server, _credential), Options.Create(options), _logger);
    }

    private static Func<HttpContext, Task> Answer(int status, string json) => async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    };

    [Fact]
    public async Task ItPostsTheCard_AsAJsonStringAttachment_ReferencedFromTheBody()
    {
        var digest = SampleDigest.Rendered();
        var transport = await StartAsync(Answer(201, """{"id":"1732345200000","messageType":"message"}"""));

        await transport.SendAsync(digest);

        var request = Assert.Single(_server!.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/v1.0/teams/{TeamId}/channels/{ChannelId}/messages", Uri.UnescapeDataString(request.PathAndQuery));
        Assert.Equal("Bearer test-token", request.Header("Authorization"));
        var body = JsonNode.Parse(request.Body)!;
        var attachment = Assert.Single(body["attachments"]!.AsArray())!;
        var id = (string?)attachment["id"];
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal("html", (string?)body["body"]!["contentType"]);
        Assert.Equal($"<attachment id=\"{id}\"></attachment>", (string?)body["body"]!["content"]);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        Assert.Equal(System.Text.Json.JsonValueKind.String, attachment["content"]!.GetValueKind());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(digest.CardJson), JsonNode.Parse((string)attachment["content"]!)));
    }

    [Theory]
    [InlineData(401, """{"error":{"code":"Unauthorized","message":"Message POST is allowed in application-only context only for import purposes."}}""")]
    [InlineData(403, """{"error":{"code":"Forbidden","message":"Missing role permissions on the request. API requires one of 'Teamwork.Migrate.All'. Roles on the request 'Group.Selected'."}}""")]
    public async Task AnAppOnlyRefusal_TellsTheOperatorToUseADelegatedTokenTheWebhookOrTheChannelEmail(int status, string json)
    {
        var transport = await StartAsync(Answer(status, json));

        var error = await Assert.ThrowsAsync<DigestTransportException>(() => transport.SendAsync(SampleDigest.Rendered()));

        Assert.Equal(status, error.StatusCode);
        Assert.Contains($"HTTP {status}", error.Message, StringComparison.Ordinal);
        Assert.Contains("needs a delegated token", error.Message, StringComparison.Ordinal);
        Assert.Contains("Teams Workflows webhook (CostOps:Digest:WebhookUrl)", error.Message, StringComparison.Ordinal);
        Assert.Contains("channel's e-mail address (CostOps:Digest:Recipients)", error.Message, StringComparison.Ordinal);
        Assert.Contains(_logger.Collector.GetSnapshot(), e => e.Id.Id == 8402);
    }

    [Fact]
    public async Task OtherFailures_AreReportedWithGraphsCodeAndMessage()
    {
        var transport = await StartAsync(Answer(404, """{"error":{"code":"NotFound","message":"Channel not found."}}"""));

        var error = await Assert.ThrowsAsync<DigestTransportException>(() => transport.SendAsync(SampleDigest.Rendered()));

        Assert.Equal("Microsoft Graph could not post the digest to the Teams channel: HTTP 404 NotFound: Channel not found.", error.Message);
    }
}
