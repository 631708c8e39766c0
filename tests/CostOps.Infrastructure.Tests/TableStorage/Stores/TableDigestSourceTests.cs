using CostOps.Application.Digest.Inputs;
using Azure.Data.Tables;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.Infrastructure.Tests.Digest;
using CostOps.TestSupport.Azurite;
using CostOps.TestSupport.Digest;

namespace CostOps.Infrastructure.Tests.TableStorage.Stores;

[Collection(AzuriteFixture.CollectionName)]
public sealed class TableDigestSourceTests(AzuriteFixture azurite)
{
    private static readonly DateOnly First = StoredDigestWeek.Week.Previous().Monday;
    private static readonly DateOnly Last = StoredDigestWeek.Week.Sunday;

    private async Task<(DigestTables Tables, StoredDigestWeek Seed)> SeededAsync()
    {
        var tables = await DigestTables.CreateAsync(azurite);
        var seed = StoredDigestWeek.Create();
        await seed.WriteAsync(tables.Tables);
        return (tables, seed);
    }

    [Fact]
    public async Task ItReadsTheCatalogWorkloadsOfTheTwoWeeks_AndNothingElse()
    {
        var (tables, _) = await SeededAsync();

        var rows = await tables.Source().ReadAsync(First, Last);

        Assert.Equal(3 * 14, rows.Days.Count);
        Assert.Equal(StoredDigestWeek.Workloads.Order(StringComparer.Ordinal), rows.Days.Select(d => d.WorkloadId).Distinct());
        Assert.All(rows.Days, d => Assert.InRange(d.Day, First, Last));
        Assert.Equal(8, rows.Decisions.Count);
        Assert.All(rows.Decisions, d => Assert.InRange(d.DecidedAt, StoredDigestWeek.Week.Previous().StartsAt, StoredDigestWeek.Week.EndsAt.AddTicks(-1)));
        Assert.Equal(15, rows.Runs.Count);
        Assert.DoesNotContain(rows.Runs, r => r.ErrorSummary == "before the range");
    }

    [Fact]
    public async Task DailyRows_CarryTheStoredFigures_AsUsdDecimals()
    {
        var (tables, seed) = await SeededAsync();

        var rows = await tables.Source().ReadAsync(First, Last);

        var stored = seed.Daily.Single(r => r.WorkloadId == "support-triage" && r.Tco.Day == StoredDigestWeek.Week.Monday.AddDays(2));
        var row = rows.Days.Single(d => d.WorkloadId == "support-triage" && d.Day == stored.Tco.Day);
        Assert.Equal(
            (stored.Tco.Requests, stored.Tco.ApiRequests, stored.Tco.SelfHostedCost!.Value.Usd, stored.Tco.ApiEquivalentCost!.Value.Usd,
                stored.Tco.ApiActualCost!.Value.Usd, stored.Tco.Savings!.Value.Usd, stored.Tco.BreakEvenRequestsPerMonth, stored.Tco.DemandRatio),
            ((decimal?)row.SelfHostedRequests, (decimal?)row.ApiRoutedRequests, row.SelfHostedCost, row.ApiEquivalentCost,
                row.ApiActualCost, row.Savings, row.BreakEvenRequestsPerMonth, row.DemandRatio));
        Assert.Equal((1.0, DailyCostBasis.AmortizedActual, stored.PricesAsOf!.Value, false), (row.Completeness, row.CostBasis, row.PricesFetchedAt, row.BreakEvenUnknown));
    }

    [Fact]
    public async Task ADayWithUnknownFigures_AddsNothing_AndKeepsItsLowCompleteness()
    {
        var (tables, _) = await SeededAsync();

        var rows = await tables.Source().ReadAsync(First, Last);

        var unknown = rows.Days.Single(d => d.WorkloadId == "code-review-bot" && d.Day == StoredDigestWeek.Week.Monday.AddDays(5));
        Assert.Equal((0L, 0m, 0m, 0m, 0.4), (unknown.SelfHostedRequests, unknown.SelfHostedCost, unknown.ApiEquivalentCost, unknown.Savings, unknown.Completeness));
        Assert.Equal(119.30m, unknown.ApiActualCost);
    }

    [Fact]
    public async Task Decisions_AreReadFromTheDocumentedLayout_WithABlockedHoldAsABlockedAction()
    {
        var (tables, _) = await SeededAsync();

        var rows = await tables.Source().ReadAsync(First, Last);

        var week = rows.Decisions.Where(d => d.DecidedAt >= StoredDigestWeek.Week.StartsAt).ToList();
        Assert.Contains(new DigestDecisionRow("support-triage", StoredDigestWeek.At(3, 2), DecisionAction.ScaleUp, DecisionMode.Enforce,
            "Projected peak demand needs 3 instances (2 running).", DecisionOutcome.Succeeded), week);
        Assert.Contains(new DigestDecisionRow("code-review-bot", StoredDigestWeek.At(4, 2), DecisionAction.Pause, DecisionMode.DryRun,
            "Would pause: demand ratio 0.62 below 0.85; held: telemetry 40% complete.", DecisionOutcome.Blocked), week);
        Assert.Equal(4, week.Count(d => d is { WorkloadId: "code-review-bot", Action: DecisionAction.Pause, Outcome: DecisionOutcome.Planned }));
        Assert.Contains(week, d => d is { WorkloadId: "contract-summaries", Action: DecisionAction.Hold, Outcome: DecisionOutcome.Planned });
    }

    [Fact]
    public async Task ClaimRows_AndReRunsOfAnActionAlreadyTaken_AreNotReadAsDecisions()
    {
        var (tables, _) = await SeededAsync();

        var rows = await tables.Source().ReadAsync(First, Last);

        Assert.Single(rows.Decisions, d => d is { WorkloadId: "support-triage", Action: DecisionAction.ScaleUp } && d.DecidedAt >= StoredDigestWeek.Week.StartsAt);
    }

    [Theory]
    [InlineData("pending", DecisionOutcome.Planned)]
    [InlineData("dry-run", DecisionOutcome.Planned)]
    [InlineData("not-acted", DecisionOutcome.Planned)]
    [InlineData("succeeded", DecisionOutcome.Succeeded)]
    [InlineData("partial", DecisionOutcome.Failed)]
    [InlineData("failed", DecisionOutcome.Failed)]
    public async Task EachOutcomeStatus_IsReadAsTheDigestsOutcome(string status, DecisionOutcome expected)
    {
        var tables = await DigestTables.CreateAsync(azurite);
        var at = StoredDigestWeek.At(1, 2);
        await tables.Tables.Decisions.AddEntityAsync(new TableEntity("support-triage", $"{InvertedTicks.For(at)}-abc")
        {
            ["RowType"] = "decision",
            ["EvaluatedAt"] = at,
            ["Mode"] = "enforce",
            ["Action"] = "pause",
            ["ProposedAction"] = "pause",
            ["BlockedBy"] = "",
            ["Reason"] = "Demand ratio below 0.85 on each of the last 5 evaluations.",
            ["OutcomeStatus"] = status,
        });

        var decision = Assert.Single((await tables.Source().ReadAsync(First, Last)).Decisions);

        Assert.Equal((DecisionAction.Pause, DecisionMode.Enforce, expected), (decision.Action, decision.Mode, decision.Outcome));
    }

    [Fact]
    public async Task Runs_OfEveryJob_AreSummarizedToTheirFirstError()
    {
        var (tables, _) = await SeededAsync();

        var rows = await tables.Source().ReadAsync(First, Last);

        var autopilot = rows.Runs.Single(r => r.Job == "Autopilot");
        Assert.Equal((RunStatus.Failed, "run: the lease 'autopilot' is held by another instance (and 1 more)"), (autopilot.Status, autopilot.ErrorSummary));
        var partial = rows.Runs.Single(r => r.Status == RunStatus.Partial);
        Assert.Equal(("NightlyTco", StoredDigestWeek.At(2, 1), "code-review-bot: prometheus: 503 (ServiceUnavailable)"), (partial.Job, partial.StartedAt, partial.ErrorSummary));
        Assert.All(rows.Runs.Where(r => r.Status == RunStatus.Succeeded), r => Assert.Null(r.ErrorSummary));
    }

    [Fact]
    public async Task ADecisionWithAnUnknownAction_FailsTheRead_NamingTheRow()
    {
        var tables = await DigestTables.CreateAsync(azurite);
        var at = StoredDigestWeek.At(1, 2);
        await tables.Tables.Decisions.AddEntityAsync(new TableEntity("support-triage", $"{InvertedTicks.For(at)}-abc")
        {
            ["EvaluatedAt"] = at,
            ["Mode"] = "enforce",
            ["Action"] = "teleport",
            ["Reason"] = "?",
        });

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => tables.Source().ReadAsync(First, Last));

        Assert.Contains($"RowKey '{InvertedTicks.For(at)}-abc'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Action 'teleport'", error.Message, StringComparison.Ordinal);
    }
}
