using System.Globalization;
using System.Text;
using CostOps.Application.Digest;
using CostOps.Application.Digest.Publishing;
using CostOps.Application.Digest.Rendering;
using CostOps.Application.Results;
using CostOps.Application.Tests.Digest.Rendering;
using CostOps.Domain.Autopilot;
using CostOps.Domain.Observed;
using CostOps.Domain.Time;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport.Azurite;
using CostOps.TestSupport.Digest;

namespace CostOps.Infrastructure.Tests.Digest;

/// <summary>The weekly digest over a realistic week stored in Azurite: its numbers, its card, and posting once.</summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class StoredWeekDigestTests(AzuriteFixture azurite)
{
    private static readonly IsoWeek Week = StoredDigestWeek.Week;

    private async Task<DigestTables> SeededAsync()
    {
        var tables = await DigestTables.CreateAsync(azurite);
        await StoredDigestWeek.Create().WriteAsync(tables.Tables);
        return tables;
    }

    /// <summary>The stored rows of the catalog workloads in one week, read back as stored.</summary>
    private static async Task<List<DailyTcoRecord>> StoredAsync(DigestTables tables, IsoWeek week)
    {
        var store = new TableDailyTcoStore(tables.Tables.DailyTco);
        var rows = new List<DailyTcoRecord>();
        foreach (var workload in StoredDigestWeek.Workloads)
        {
            rows.AddRange(await store.GetRangeAsync(workload, new DayRange(week.Monday, week.Sunday)));
        }
        return rows;
    }

    private static decimal Sum(IEnumerable<DailyTcoRecord> rows, Func<DailyTcoRecord, decimal?> figure) => rows.Sum(r => figure(r) ?? 0m);

    [Fact]
    public async Task TheDigestsTotals_EqualTheSumsOfTheStoredRows()
    {
        var tables = await SeededAsync();
        var thisWeek = await StoredAsync(tables, Week);
        var previousWeek = await StoredAsync(tables, Week.Previous());

        var digest = (await tables.Service().RunAsync(Week, force: false)).Digest;

        Assert.Equal(21, thisWeek.Count);
        Assert.Equal(
            (Sum(thisWeek, r => r.Tco.Requests), Sum(thisWeek, r => r.Tco.ApiRequests), Sum(thisWeek, r => r.Tco.SelfHostedCost?.Usd),
                Sum(thisWeek, r => r.Tco.ApiEquivalentCost?.Usd), Sum(thisWeek, r => r.Tco.ApiActualCost?.Usd), Sum(thisWeek, r => r.Tco.Savings?.Usd)),
            ((decimal)digest.ThisWeek.SelfHostedRequests!.Value, (decimal)digest.ThisWeek.ApiRoutedRequests!.Value, digest.ThisWeek.SelfHostedCost!.Value,
                digest.ThisWeek.ApiEquivalentCost!.Value, digest.ThisWeek.ApiActualCost!.Value, digest.ThisWeek.Savings!.Value));
        Assert.Equal(Sum(previousWeek, r => r.Tco.SelfHostedCost?.Usd), digest.PreviousWeek.SelfHostedCost);
        Assert.Equal(Sum(previousWeek, r => r.Tco.Savings?.Usd), digest.PreviousWeek.Savings);
    }

    [Fact]
    public async Task EachWorkloadsFigures_EqualItsStoredRows()
    {
        var tables = await SeededAsync();
        var thisWeek = await StoredAsync(tables, Week);

        var digest = (await tables.Service().RunAsync(Week, force: false)).Digest;

        Assert.Equal(StoredDigestWeek.Workloads.Order(StringComparer.Ordinal), digest.Workloads.Select(w => w.WorkloadId).Order(StringComparer.Ordinal));
        foreach (var workload in digest.Workloads)
        {
            var rows = thisWeek.Where(r => r.WorkloadId == workload.WorkloadId).OrderBy(r => r.Tco.Day).ToList();
            Assert.Equal(Sum(rows, r => r.Tco.SelfHostedCost?.Usd), workload.ThisWeek.SelfHostedCost);
            Assert.Equal(Sum(rows, r => r.Tco.ApiEquivalentCost?.Usd), workload.ThisWeek.ApiEquivalentCost);
            Assert.Equal(Sum(rows, r => r.Tco.Requests), (decimal?)workload.ThisWeek.SelfHostedRequests);
            Assert.Equal((rows.Count(r => r.Tco.HasData), rows[^1].Tco.DemandRatio, rows[^1].Tco.BreakEvenRequestsPerMonth),
                (workload.DaysWithData, workload.LatestDemandRatio, workload.BreakEvenRequestsPerMonth));
        }
    }

    [Fact]
    public async Task TheDigest_ShowsTheStoredDecisionsAndRuns_AndWarnsAboutTheStoredProblems()
    {
        var tables = await SeededAsync();

        var digest = (await tables.Service().RunAsync(Week, force: false)).Digest;

        var byId = digest.Workloads.ToDictionary(w => w.WorkloadId);
        Assert.Equal((Verdict.AboveBreakEven, Verdict.AboveBreakEven, Verdict.BelowBreakEven),
            (byId["support-triage"].State, byId["contract-summaries"].State, byId["code-review-bot"].State));
        var scaleUp = Assert.Single(byId["support-triage"].ActionsTaken);
        Assert.Equal((DecisionAction.ScaleUp, 1), (scaleUp.Action, scaleUp.Count));
        var planned = Assert.Single(byId["code-review-bot"].ActionsPlanned);
        // Four dry-run pauses were evaluated this week, but the first was about the Sunday night before it: a decision
        // belongs to the night it evaluated, as the plan shows it.
        Assert.Equal((DecisionAction.Pause, 3), (planned.Action, planned.Count));
        Assert.Contains(byId["code-review-bot"].Actions, a => a.Outcome == DigestActionOutcome.Blocked);
        Assert.Contains(byId["code-review-bot"].Warnings, w => w.Kind == DigestWarningKind.IncompleteData && w.Message.Contains("40%", StringComparison.Ordinal));
        Assert.Equal([DigestWarningKind.RunPartial, DigestWarningKind.RunFailed], digest.PortfolioWarnings.Select(w => w.Kind));
        Assert.Contains("the lease 'autopilot' is held by another instance", digest.PortfolioWarnings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCardOfTheStoredWeek_ShowsTheStoredTotals_AndParsesWithoutErrorsInTheOfficialRenderer()
    {
        var tables = await SeededAsync();
        var thisWeek = await StoredAsync(tables, Week);
        var transport = new CountingTransport("file");

        await tables.Service(transport).RunAsync(Week, force: false);

        var card = Assert.Single(transport.Sent).CardJson;
        var total = Sum(thisWeek, r => r.Tco.SelfHostedCost?.Usd);
        Assert.Contains("$" + total.ToString("N2", CultureInfo.InvariantCulture), card, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(card) < 28 * 1024);
        var check = await AdaptiveCardChecker.CheckAsync(card);
        Assert.Equal("1.5", check.Version);
        Assert.Empty(check.ParseEvents);
        Assert.Empty(check.ValidationEvents);
    }

    [Fact]
    public async Task ASecondRunOfTheWeek_DoesNotPostAgain_ButAForcedRunDoes()
    {
        var tables = await SeededAsync();
        var transport = new CountingTransport("teams-webhook");

        // Three runs as three processes would make them: each with its own post log over the same table.
        var first = await tables.Service(transport).RunAsync(Week, force: false);
        var second = await tables.Service(transport).RunAsync(Week, force: false);
        var forced = await tables.Service(transport).RunAsync(Week, force: true);

        Assert.Equal(2, transport.Sent.Count);
        Assert.Equal(
            [DigestPublishStatus.Posted, DigestPublishStatus.AlreadyPosted, DigestPublishStatus.Posted],
            new[] { first, second, forced }.Select(r => Assert.Single(r.Outcomes).Status));
    }

    [Fact]
    public async Task TheNextWeek_IsPostedOnItsOwn()
    {
        var tables = await SeededAsync();
        var transport = new CountingTransport("teams-webhook");
        tables.Clock.SetUtcNow(StoredDigestWeek.DigestTime.AddDays(7));

        await tables.Service(transport).RunAsync(Week, force: false);
        var next = await tables.Service(transport).RunAsync(Week.Next(), force: false);

        Assert.Equal(DigestPublishStatus.Posted, Assert.Single(next.Outcomes).Status);
        Assert.Equal([Week, Week.Next()], transport.Sent.Select(d => d.Week));
    }

    [Fact]
    public async Task TwoRunsAtTheSameTime_PostOnce()
    {
        var tables = await SeededAsync();
        var transport = new CountingTransport("teams-webhook", gated: true);

        // The first run holds its send open until the second has finished: they overlap for certain.
        var first = tables.Service(transport).RunAsync(Week, force: false);
        await transport.Entered;
        var second = await tables.Service(transport).RunAsync(Week, force: false);
        transport.Open();

        Assert.Equal(DigestPublishStatus.Posted, Assert.Single((await first).Outcomes).Status);
        Assert.Equal(DigestPublishStatus.InProgress, Assert.Single(second.Outcomes).Status);
        Assert.Single(transport.Sent);
    }

    [Fact]
    public async Task ManyRunsStartedTogether_PostOnce()
    {
        var tables = await SeededAsync();
        var transport = new CountingTransport("teams-webhook");

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => tables.Service(transport).RunAsync(Week, force: false)));

        Assert.Single(transport.Sent);
        Assert.Single(results, r => r.Outcomes.Single().Status == DigestPublishStatus.Posted);
        Assert.All(results, r => Assert.True(r.Succeeded));
    }

    [Fact]
    public async Task AFailedSend_LeavesTheWeekUnposted_SoTheNextRunPostsIt()
    {
        var tables = await SeededAsync();
        var working = new CountingTransport("teams-webhook");

        var failed = await tables.Service(new FailingTransport("teams-webhook")).RunAsync(Week, force: false);
        var retried = await tables.Service(working).RunAsync(Week, force: false);

        Assert.Equal(DigestPublishStatus.Failed, Assert.Single(failed.Outcomes).Status);
        Assert.Equal(DigestPublishStatus.Posted, Assert.Single(retried.Outcomes).Status);
        Assert.Single(working.Sent);
    }

    private sealed class FailingTransport(string name) : IDigestTransport
    {
        public string Name => name;

        public Task SendAsync(RenderedDigest digest, CancellationToken cancellationToken = default) =>
            Task.FromException(new DigestTransportException("Teams Workflows webhook answered 502 (Bad Gateway)."));
    }
}
