using CostOps.Application.Digest;
using CostOps.Application.Digest.Publishing;
using CostOps.Application.Digest.Rendering;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CostOps.Application.Tests.Digest.Publishing;

public sealed class DigestPublisherTests
{
    private static readonly RenderedDigest Digest = new(IsoWeek.Parse("2026-W47"), "subject", "{}", "<html></html>", "text");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
    private readonly InMemoryDigestPostLog _log = new();
    private readonly FakeLogger<DigestPublisher> _logger = new();

    private DigestPublisher Publisher(params IDigestTransport[] transports) => new(transports, _log, _clock, _logger);

    [Fact]
    public async Task OneFailingTransport_DoesNotStopTheOthers_AndEachOutcomeIsReturned()
    {
        var first = new RecordingTransport("teams-webhook", new DigestTransportException("Teams Workflows webhook answered 400 (Bad Request)."));
        var second = new RecordingTransport("graph-mail");
        var third = new RecordingTransport("file");

        var outcomes = await Publisher(first, second, third).PublishAsync(Digest, force: false);

        Assert.Equal(
            [
                new DigestPublishOutcome("teams-webhook", DigestPublishStatus.Failed, "Teams Workflows webhook answered 400 (Bad Request)."),
                new DigestPublishOutcome("graph-mail", DigestPublishStatus.Posted),
                new DigestPublishOutcome("file", DigestPublishStatus.Posted),
            ],
            outcomes);
        Assert.Single(second.Sent);
        Assert.Single(third.Sent);
    }

    [Fact]
    public async Task AnUnexpectedException_IsRecordedByTypeOnly_SoItsMessageCannotLeakASecret()
    {
        var buggy = new RecordingTransport("teams-webhook", new InvalidOperationException("https://prod.logic.azure.com/workflows?sig=SECRET"));

        var outcome = Assert.Single(await Publisher(buggy).PublishAsync(Digest, force: false));

        Assert.Equal(DigestPublishStatus.Failed, outcome.Status);
        Assert.Equal("teams-webhook failed unexpectedly (InvalidOperationException); see the application logs.", outcome.Error);
    }

    [Fact]
    public async Task ARerunOfTheSameWeek_PostsNothingAgain()
    {
        var transport = new RecordingTransport("teams-webhook");
        var publisher = Publisher(transport);

        await publisher.PublishAsync(Digest, force: false);
        var again = await publisher.PublishAsync(Digest, force: false);

        Assert.Single(transport.Sent);
        Assert.Equal(DigestPublishStatus.AlreadyPosted, Assert.Single(again).Status);
        Assert.True(Assert.Single(again).Succeeded);
    }

    [Fact]
    public async Task Force_PostsTheSameWeekAgain()
    {
        var transport = new RecordingTransport("teams-webhook");
        var publisher = Publisher(transport);

        await publisher.PublishAsync(Digest, force: false);
        var forced = await publisher.PublishAsync(Digest, force: true);

        Assert.Equal(2, transport.Sent.Count);
        Assert.Equal(DigestPublishStatus.Posted, Assert.Single(forced).Status);
    }

    [Fact]
    public async Task AFailedTransport_IsNotMarkedPosted_SoTheRerunTriesItAgain()
    {
        var failing = new RecordingTransport("graph-mail", new DigestTransportException("down"));
        var working = new RecordingTransport("file");
        var publisher = Publisher(failing, working);

        await publisher.PublishAsync(Digest, force: false);
        var rerun = await publisher.PublishAsync(Digest, force: false);

        Assert.Equal(2, failing.Sent.Count);
        Assert.Single(working.Sent);
        Assert.Equal([DigestPublishStatus.Failed, DigestPublishStatus.AlreadyPosted], rerun.Select(o => o.Status));
    }

    [Fact]
    public async Task TheWeekIsRememberedPerTransport_AndPerWeek()
    {
        await _log.MarkPostedAsync(IsoWeek.Parse("2026-W47"), "file", _clock.GetUtcNow());

        Assert.True(await _log.HasBeenPostedAsync(IsoWeek.Parse("2026-W47"), "file"));
        Assert.False(await _log.HasBeenPostedAsync(IsoWeek.Parse("2026-W47"), "graph-mail"));
        Assert.False(await _log.HasBeenPostedAsync(IsoWeek.Parse("2026-W48"), "file"));
    }

    [Fact]
    public async Task TwoConcurrentRuns_SendOnce_AndTheSecondSaysTheWeekIsInProgress()
    {
        var gate = new GatedTransport("teams-webhook");
        var publisher = Publisher(gate);

        var first = publisher.PublishAsync(Digest, force: false);
        await gate.Entered;
        var second = await publisher.PublishAsync(Digest, force: false);
        gate.Open();

        Assert.Equal(DigestPublishStatus.Posted, Assert.Single(await first).Status);
        Assert.Equal(DigestPublishStatus.InProgress, Assert.Single(second).Status);
        Assert.True(Assert.Single(second).Succeeded);
        Assert.Equal(1, gate.Sends);
    }

    [Fact]
    public async Task ACancelledSend_GivesItsClaimBack_SoTheRetrySends()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var transport = new RecordingTransport("teams-webhook");
        var publisher = Publisher(transport);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => publisher.PublishAsync(Digest, false, cancelled.Token));
        var retry = await publisher.PublishAsync(Digest, force: false);

        Assert.Equal(DigestPublishStatus.Posted, Assert.Single(retry).Status);
    }

    [Fact]
    public async Task AForcedSend_IgnoresAnotherRunsClaim_AndRecordsThePost()
    {
        Assert.Equal(DigestPostClaim.Claimed, await _log.TryClaimAsync(Digest.Week, "file", "other-run"));
        var transport = new RecordingTransport("file");

        var forced = await Publisher(transport).PublishAsync(Digest, force: true);
        await _log.ReleaseAsync(Digest.Week, "file", "other-run");

        Assert.Equal(DigestPublishStatus.Posted, Assert.Single(forced).Status);
        Assert.True(await _log.HasBeenPostedAsync(Digest.Week, "file"));
    }

    [Fact]
    public async Task Cancellation_StopsThePublisher_RatherThanBeingRecordedAsAFailure()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Publisher(new RecordingTransport("file")).PublishAsync(Digest, false, cancelled.Token));
    }

    /// <summary>A transport that holds its first send until the test opens it.</summary>
    private sealed class GatedTransport(string name) : IDigestTransport
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _sends;

        public string Name => name;

        public Task Entered => _entered.Task;

        public int Sends => _sends;

        public void Open() => _open.TrySetResult();

        public async Task SendAsync(RenderedDigest digest, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _sends);
            _entered.TrySetResult();
            await _open.Task.WaitAsync(cancellationToken);
        }
    }
}
