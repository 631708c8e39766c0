using System.Text.Json.Nodes;
using CostOps.Application.Digest;
using CostOps.Application.Digest.Publishing;
using CostOps.Application.Digest.Rendering;
using CostOps.Application.Tests.Digest.Publishing;
using CostOps.TestSupport.Digest;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using static CostOps.Application.Tests.Digest.DigestSamples;

namespace CostOps.Application.Tests.Digest;

public sealed class WeeklyDigestServiceTests
{
    // A test that needs an earlier "now" replaces the clock: FakeTimeProvider does not go back in time.
    private FakeTimeProvider _clock = new(GeneratedAt);
    private readonly RecordingTransport _transport = new("file");
    private readonly DigestStores _source = new(DemoWeek());
    private readonly FakeLogger<WeeklyDigestService> _logger = new();

    private WeeklyDigestService Service(params IDigestTransport[] transports) => new(
        _source.Reader(),
        new WeeklyDigestBuilder(),
        new DigestRenderer(new DigestRenderOptions(new Uri("https://costops.example.com/"))),
        new DigestPublisher(transports.Length == 0 ? [_transport] : transports, new InMemoryDigestPostLog(), _clock, new FakeLogger<DigestPublisher>()),
        _clock,
        _logger);

    [Fact]
    public async Task RunAsync_ReadsTheWeekAndTheWeekBefore_AndPublishesEveryForm()
    {
        var result = await Service().RunAsync(Week, force: false);

        Assert.All(_source.Reads, r => Assert.Equal(new Domain.Time.DayRange(Week.Previous().Monday, Week.Sunday), r));
        Assert.Equal(3, _source.Reads.Count);
        var sent = Assert.Single(_transport.Sent);
        Assert.Equal(Week, sent.Week);
        Assert.Equal("1.5", (string?)JsonNode.Parse(sent.CardJson)!["version"]);
        Assert.StartsWith("<!DOCTYPE html>", sent.Html, StringComparison.Ordinal);
        Assert.Contains("support-triage", sent.Text, StringComparison.Ordinal);
        Assert.True(result.Succeeded);
        Assert.Equal(3, result.Digest.Workloads.Count);
        Assert.Equal(GeneratedAt, result.Digest.GeneratedAt);
    }

    [Fact]
    public async Task RunAsync_Twice_PostsOnce_UnlessForced()
    {
        var service = Service();

        await service.RunAsync(Week, force: false);
        var second = await service.RunAsync(Week, force: false);
        var forced = await service.RunAsync(Week, force: true);

        Assert.Equal(2, _transport.Sent.Count);
        Assert.Equal(DigestPublishStatus.AlreadyPosted, Assert.Single(second.Outcomes).Status);
        Assert.Equal(DigestPublishStatus.Posted, Assert.Single(forced.Outcomes).Status);
    }

    [Fact]
    public async Task RunAsync_RefusesAWeekThatHasNotEnded()
    {
        _clock = new FakeTimeProvider(Week.EndsAt.AddTicks(-1));

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Service().RunAsync(Week, force: false));

        Assert.Contains("has not ended yet", error.Message, StringComparison.Ordinal);
        Assert.Empty(_transport.Sent);
    }

    [Fact]
    public async Task RunAsync_ReportsAFailingTransport_InItsOutcome()
    {
        var result = await Service(new RecordingTransport("teams-webhook", new DigestTransportException("nope")), _transport).RunAsync(Week, force: false);

        Assert.False(result.Succeeded);
        Assert.Equal([false, true], result.Outcomes.Select(o => o.Succeeded));
    }

    [Theory]
    [InlineData(DigestFormat.AdaptiveCard, "application/vnd.microsoft.card.adaptive+json", "\"AdaptiveCard\"")]
    [InlineData(DigestFormat.Html, "text/html; charset=utf-8", "<!DOCTYPE html>")]
    [InlineData(DigestFormat.Text, "text/plain; charset=utf-8", "CostOps weekly digest · 2026-W47")]
    public async Task PreviewAsync_RendersOneFormWithoutPublishing(DigestFormat format, string contentType, string expected)
    {
        var preview = await Service().PreviewAsync(Week, format);

        Assert.Equal((Week, format, contentType), (preview.Week, preview.Format, preview.ContentType));
        Assert.Contains(expected, preview.Content, StringComparison.Ordinal);
        Assert.Empty(_transport.Sent);
    }

    [Fact]
    public async Task PreviewAsync_OfAWeekInProgress_SaysSo()
    {
        _clock = new FakeTimeProvider(Week.Monday.AddDays(3).ToDateTime(new TimeOnly(12, 0)));

        var preview = await Service().PreviewAsync(Week, DigestFormat.Text);

        Assert.Contains("Week in progress", preview.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WithNoTransport_WarnsThatNothingWasPosted()
    {
        var service = new WeeklyDigestService(
            _source.Reader(), new WeeklyDigestBuilder(), new DigestRenderer(new DigestRenderOptions()),
            new DigestPublisher([], new InMemoryDigestPostLog(), _clock, new FakeLogger<DigestPublisher>()), _clock, _logger);

        var result = await service.RunAsync(Week, force: false);

        Assert.Empty(result.Outcomes);
        Assert.Contains(_logger.Collector.GetSnapshot(), e => e.Id.Id == 8002);
    }
}
