using CostOps.Application.Digest;
using CostOps.Application.Digest.Publishing;
using CostOps.Infrastructure.Files;
using CostOps.Infrastructure.Teams;
using CostOps.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace CostOps.Infrastructure.Tests.Teams;

/// <summary>The publisher over the real transports, each against its loopback server or a temporary directory.</summary>
public sealed class DigestPublishingAcrossTransportsTests : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"costops-digest-{Guid.NewGuid():N}");
    private readonly DelayRecordingTimeProvider _clock = new(SampleDigest.Now);
    private readonly InMemoryDigestPostLog _postLog = new();
    private LoopbackServer? _webhook;
    private LoopbackServer? _graph;

    public async ValueTask DisposeAsync()
    {
        if (_webhook is not null)
        {
            await _webhook.DisposeAsync();
        }
        if (_graph is not null)
        {
            await _graph.DisposeAsync();
        }
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task<DigestPublisher> PublisherAsync(int webhookStatus)
    {
        _webhook = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = webhookStatus;
            return context.Response.WriteAsync(webhookStatus >= 400 ? "{\"error\":{\"code\":\"WorkflowTriggerIsNotEnabled\"}}" : "");
        });
        _graph = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = context.Request.Path.Value!.Contains("/channels/", StringComparison.Ordinal) ? 401 : 202;
            return Task.CompletedTask;
        });
        var options = Options.Create(new DigestOptions
        {
            WebhookUrl = new Uri(_webhook.BaseUri, "workflows/abc/triggers/manual/paths/invoke?sig=SECRET123456").AbsoluteUri,
            GraphMailbox = "costops@contoso.com",
            Recipients = ["finops@contoso.com"],
            TeamId = "8b1f2c7e-58a1-4a53-9f0f-31e0d1c2b3a4",
            ChannelId = "19:4f3e2d1c0b9a48e7@thread.tacv2",
            OutputDirectory = _directory,
        });
        var graph = GraphLoopback.Client(_graph, new FixedTokenCredential());
        IDigestTransport[] transports =
        [
            new TeamsWorkflowWebhookTransport(_webhook.CreateHttpClient(), options, _clock, new FakeLogger<TeamsWorkflowWebhookTransport>()),
            new GraphChannelTransport(graph, options, new FakeLogger<GraphChannelTransport>()),
            new GraphMailTransport(graph, options, new FakeLogger<GraphMailTransport>()),
            new DigestFileSink(options, new FakeLogger<DigestFileSink>()),
        ];
        return new DigestPublisher(transports, _postLog, _clock, new FakeLogger<DigestPublisher>());
    }

    [Fact]
    public async Task FailingTransports_DoNotStopTheOthers_AndEachOutcomeSaysWhatHappened()
    {
        var publisher = await PublisherAsync(webhookStatus: 404);

        var outcomes = await publisher.PublishAsync(SampleDigest.Rendered(), force: false);

        Assert.Equal(
            [("teams-webhook", DigestPublishStatus.Failed), ("graph-channel", DigestPublishStatus.Failed), ("graph-mail", DigestPublishStatus.Posted), ("file", DigestPublishStatus.Posted)],
            outcomes.Select(o => (o.Transport, o.Status)));
        Assert.StartsWith("The Teams Workflows webhook answered 404 (NotFound)", outcomes[0].Error, StringComparison.Ordinal);
        Assert.Contains("needs a delegated token", outcomes[1].Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_directory, "digest-2026-W47.html")));
        Assert.Contains(_graph!.Requests, r => r.PathAndQuery.EndsWith("/sendMail", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARerunOfTheSameWeek_SendsNothingAgain_ThroughAnyTransport_UnlessForced()
    {
        var publisher = await PublisherAsync(webhookStatus: 202);
        var digest = SampleDigest.Rendered();
        await publisher.PublishAsync(digest, force: false);
        var webhookCalls = _webhook!.Requests.Count;
        var graphCalls = _graph!.Requests.Count;

        var rerun = await publisher.PublishAsync(digest, force: false);

        Assert.Equal(webhookCalls, _webhook.Requests.Count);
        Assert.Equal(1, webhookCalls);
        Assert.Equal(graphCalls + 1, _graph.Requests.Count); // only the failed channel post is tried again
        Assert.Equal(
            [DigestPublishStatus.AlreadyPosted, DigestPublishStatus.Failed, DigestPublishStatus.AlreadyPosted, DigestPublishStatus.AlreadyPosted],
            rerun.Select(o => o.Status));

        await publisher.PublishAsync(digest, force: true);

        Assert.Equal(2, _webhook.Requests.Count);
    }
}
