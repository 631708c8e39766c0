using CostOps.Application.Digest;
using CostOps.Application.Digest.Publishing;
using CostOps.Application.Digest.Rendering;
using CostOps.Application.Jobs;
using CostOps.Application.Telemetry;
using CostOps.Application.Tests.Digest.Publishing;
using CostOps.Application.Tests.Nightly;
using CostOps.TestSupport.Digest;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using static CostOps.Application.Tests.Digest.DigestSamples;

namespace CostOps.Application.Tests.Digest;

public sealed class WeeklyDigestJobTests
{
    private readonly FakeTimeProvider _clock = new(GeneratedAt);
    private readonly InMemoryRunStore _runs = new();
    private readonly DigestStores _stores = new(DemoWeek());

    private WeeklyDigestJob Job(DigestStores? source = null, params IDigestTransport[] transports) => new(
        new WeeklyDigestService(
            (source ?? _stores).Reader(),
            new WeeklyDigestBuilder(),
            new DigestRenderer(new DigestRenderOptions()),
            new DigestPublisher(transports, new InMemoryDigestPostLog(), _clock, new FakeLogger<DigestPublisher>()),
            _clock,
            new FakeLogger<WeeklyDigestService>()),
        _runs,
        new UpstreamCallCounter(),
        _clock,
        new FakeLogger<WeeklyDigestJob>());

    private static JobContext Timer(DateTimeOffset triggeredAt) => new(triggeredAt, false, null, "invocation-1", 0, "timer");

    [Theory]
    [InlineData("2026-11-23T08:00:00Z", "2026-W47")]
    [InlineData("2026-11-29T23:59:59Z", "2026-W47")]
    [InlineData("2027-01-04T08:00:00Z", "2026-W53")]
    public async Task TheTimer_DigestsTheLastWeekCompletedAtTriggerTime(string triggeredAt, string expected)
    {
        var at = DateTimeOffset.Parse(triggeredAt, System.Globalization.CultureInfo.InvariantCulture);
        _clock.SetUtcNow(at);
        var week = IsoWeek.Parse(expected);

        var result = await Job(null, new RecordingTransport("file")).RunAsync(Timer(at));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Equal(new Domain.Time.DayRange(week.Previous().Monday, week.Sunday), _stores.Reads.Distinct().Single());
        var run = Assert.Single(_runs.Runs);
        Assert.Equal(("WeeklyDigest", "timer", week.Monday, week.Sunday), (run.Job, run.Trigger, run.FirstDay, run.LastDay));
        Assert.Equal(result.RunId, run.RunId);
        Assert.Contains($"for {expected}", result.Logs[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRunsRow_RecordsEveryTransportsOutcome()
    {
        var result = await Job(null, new RecordingTransport("teams-webhook"), new RecordingTransport("file")).RunAsync(Timer(GeneratedAt));

        var run = Assert.Single(_runs.Runs);
        Assert.Equal(["teams-webhook: posted", "file: posted"], run.Outcomes);
        Assert.Equal((JobStatus.Succeeded, 3, 2), (run.Status, run.WorkloadsOk, run.RowsWritten));
        Assert.Empty(run.Errors);
        Assert.Equal(["teams-webhook: posted", "file: posted"], result.Logs.Skip(1));
    }

    [Fact]
    public async Task OneFailedTransport_MakesTheRunPartial_NotFailed()
    {
        var job = Job(null, new RecordingTransport("teams-webhook", new DigestTransportException("Teams Workflows webhook answered 400 (Bad Request).")), new RecordingTransport("file"));

        var result = await job.RunAsync(Timer(GeneratedAt));

        Assert.Equal(JobStatus.Partial, result.Status);
        var run = Assert.Single(_runs.Runs);
        Assert.Equal(JobStatus.Partial, run.Status);
        Assert.Equal(["teams-webhook: Teams Workflows webhook answered 400 (Bad Request)."], run.Errors);
        Assert.Equal(["teams-webhook: failed: Teams Workflows webhook answered 400 (Bad Request).", "file: posted"], run.Outcomes);
        Assert.Equal(run.Errors[0], result.Error);
    }

    [Fact]
    public async Task EveryTransportFailing_MakesTheRunFailed()
    {
        var job = Job(null, new RecordingTransport("teams-webhook", new DigestTransportException("down")), new RecordingTransport("graph-mail", new DigestTransportException("403")));

        var result = await job.RunAsync(Timer(GeneratedAt));

        Assert.Equal(JobStatus.Failed, result.Status);
        Assert.Equal(JobStatus.Failed, Assert.Single(_runs.Runs).Status);
    }

    [Fact]
    public async Task NoTransport_IsASucceededRun_ThatSaysNothingWasPosted()
    {
        var result = await Job().RunAsync(Timer(GeneratedAt));

        Assert.Equal(JobStatus.Succeeded, result.Status);
        Assert.Contains("no transport is configured", result.Logs[1], StringComparison.Ordinal);
        Assert.Empty(Assert.Single(_runs.Runs).Outcomes);
    }

    [Fact]
    public async Task ASecondRunOfTheSameWeek_PostsNothing_AndSaysSo()
    {
        var transport = new RecordingTransport("teams-webhook");
        var job = Job(null, transport);

        await job.RunAsync(Timer(GeneratedAt));
        var again = await job.RunAsync(Timer(GeneratedAt.AddHours(1)));

        Assert.Single(transport.Sent);
        Assert.Equal(JobStatus.Succeeded, again.Status);
        Assert.Equal(["teams-webhook: already posted (not sent again)"], _runs.Runs[1].Outcomes);
        Assert.Equal(0, _runs.Runs[1].RowsWritten);
    }

    [Fact]
    public async Task AStorageFailure_IsRecordedAsAFailedRun_AndRethrown()
    {
        var job = Job(new DigestStores(DemoWeek(), new IOException("Reading entities in table 'DailyTco' failed: 503 (ServerBusy)")), new RecordingTransport("file"));

        var error = await Assert.ThrowsAsync<IOException>(() => job.RunAsync(Timer(GeneratedAt)));

        var run = Assert.Single(_runs.Runs);
        Assert.Equal(JobStatus.Failed, run.Status);
        Assert.Equal([$"digest: {error.Message}"], run.Errors);
    }

    [Fact]
    public async Task RunWeekAsync_WithForce_PostsAnAlreadyPostedWeekAgain_AsTheCliAsks()
    {
        var transport = new RecordingTransport("file");
        var job = Job(null, transport);

        await job.RunWeekAsync(Week, force: false, "cli");
        var forced = await job.RunWeekAsync(Week, force: true, "cli");

        Assert.Equal(2, transport.Sent.Count);
        Assert.Equal("cli", forced.Run.Trigger);
        Assert.Equal(DigestPublishStatus.Posted, Assert.Single(forced.Result.Outcomes).Status);
    }
}
