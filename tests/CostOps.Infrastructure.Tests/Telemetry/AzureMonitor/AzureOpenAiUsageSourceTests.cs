using System.Text.Json.Nodes;
using CostOps.Application.Telemetry;
using CostOps.Domain.Time;
using CostOps.Infrastructure.AzureMonitor;
using CostOps.TestSupport;

namespace CostOps.Infrastructure.Tests.Telemetry.AzureMonitor;

public sealed class AzureOpenAiUsageSourceTests
{
    private static readonly DateOnly Day = new(2025, 1, 1);
    private static readonly string AccountA = MetricsPayload.Account("aoai-a");
    private static readonly string AccountB = MetricsPayload.Account("aoai-b");

    private readonly TelemetryHarness _harness = new();

    [Fact]
    public async Task ClassicMetrics_GiveInputOutputAndRequestsPerDeploymentAndDay()
    {
        await using var server = await ServeBatch(id =>
        [
            MetricsPayload.Metric(id, "ProcessedPromptTokens",
                MetricsPayload.Hourly(Day, "total", _ => 1000, ("ModelDeploymentName", "gpt-4o-prod")),
                MetricsPayload.Hourly(Day, "total", _ => 10, ("ModelDeploymentName", "gpt-4o-mini"))),
            MetricsPayload.Metric(id, "GeneratedTokens",
                MetricsPayload.Hourly(Day, "total", _ => 200, ("ModelDeploymentName", "gpt-4o-prod")),
                MetricsPayload.Hourly(Day, "total", _ => 2, ("ModelDeploymentName", "gpt-4o-mini"))),
            MetricsPayload.Metric(id, "InputTokens"),
            MetricsPayload.Metric(id, "OutputTokens"),
            MetricsPayload.Metric(id, "AzureOpenAIRequests",
                MetricsPayload.Hourly(Day, "total", _ => 5, ("ModelDeploymentName", "gpt-4o-prod")),
                MetricsPayload.Hourly(Day, "total", _ => 1, ("ModelDeploymentName", "gpt-4o-mini"))),
        ]);

        var result = await CreateSource(server).GetDailyUsageAsync(new ApiTelemetryQuery(DayRange.OneDay(Day), [AccountA]));

        Assert.Empty(result.Issues);
        var prod = Assert.Single(result.Facts, f => f.Selector.Deployment == "gpt-4o-prod");
        Assert.Equal(new ApiUsageSelector(ApiProviders.AzureOpenAI, AccountA, "gpt-4o-prod", null), prod.Selector);
        Assert.Equal(24_000, prod.InputTokens);
        Assert.Equal(4_800, prod.OutputTokens);
        Assert.Equal(120, prod.Requests);
        Assert.Equal(new Completeness(72, 72), prod.Completeness);
        Assert.Equal(240, Assert.Single(result.Facts, f => f.Selector.Deployment == "gpt-4o-mini").InputTokens);
    }

    [Fact]
    public async Task Query_AsksForTotalsSplitByDeploymentWithARaisedTop()
    {
        await using var server = await ServeBatch(id => [MetricsPayload.Metric(id, "ProcessedPromptTokens")]);

        await CreateSource(server).GetDailyUsageAsync(new ApiTelemetryQuery(DayRange.OneDay(Day), [AccountA]));

        var query = Uri.UnescapeDataString(Assert.Single(server.Requests).PathAndQuery);
        Assert.Contains("metricnamespace=Microsoft.CognitiveServices/accounts", query, StringComparison.Ordinal);
        Assert.Contains("metricnames=ProcessedPromptTokens,GeneratedTokens,InputTokens,OutputTokens,AzureOpenAIRequests", query, StringComparison.Ordinal);
        Assert.Contains("aggregation=total", query, StringComparison.Ordinal);
        Assert.Contains("filter=ModelDeploymentName eq '*'", query, StringComparison.Ordinal);
        Assert.Contains("top=1000", query, StringComparison.Ordinal);
        Assert.Contains("interval=PT1H", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FoundryMetrics_AreUsedInsteadOfClassicOnes_NeverAddedToThem()
    {
        await using var server = await ServeBatch(id =>
        [
            MetricsPayload.Metric(id, "ProcessedPromptTokens", MetricsPayload.Hourly(Day, "total", _ => 999, ("ModelDeploymentName", "claude"))),
            MetricsPayload.Metric(id, "GeneratedTokens", MetricsPayload.Hourly(Day, "total", _ => 999, ("ModelDeploymentName", "claude"))),
            MetricsPayload.Metric(id, "InputTokens", MetricsPayload.Hourly(Day, "total", _ => 100, ("ModelDeploymentName", "claude"))),
            MetricsPayload.Metric(id, "OutputTokens", MetricsPayload.Hourly(Day, "total", _ => 20, ("ModelDeploymentName", "claude"))),
            MetricsPayload.Metric(id, "AzureOpenAIRequests", MetricsPayload.Hourly(Day, "total", _ => 1, ("ModelDeploymentName", "claude"))),
        ]);

        var fact = Assert.Single((await CreateSource(server).GetDailyUsageAsync(new ApiTelemetryQuery(DayRange.OneDay(Day), [AccountA]))).Facts);

        Assert.Equal(2_400, fact.InputTokens);
        Assert.Equal(480, fact.OutputTokens);
    }

    [Fact]
    public async Task BucketsWithOnlyATimestamp_AreMissing_NotZero()
    {
        var day2 = Day.AddDays(1);
        await using var server = await ServeBatch(id =>
        [
            MetricsPayload.Metric(id, "ProcessedPromptTokens", MetricsPayload.Concat(
                MetricsPayload.Hourly(Day, "total", hour => hour < 12 ? 100 : null, ("ModelDeploymentName", "gpt-4o-prod")),
                MetricsPayload.Hourly(day2, "total", _ => null, ("ModelDeploymentName", "gpt-4o-prod")))),
            MetricsPayload.Metric(id, "GeneratedTokens", MetricsPayload.Concat(
                MetricsPayload.Hourly(Day, "total", _ => 0, ("ModelDeploymentName", "gpt-4o-prod")),
                MetricsPayload.Hourly(day2, "total", _ => null, ("ModelDeploymentName", "gpt-4o-prod")))),
            MetricsPayload.Metric(id, "AzureOpenAIRequests"),
        ]);

        var result = await CreateSource(server).GetDailyUsageAsync(new ApiTelemetryQuery(new DayRange(Day, day2), [AccountA]));

        var first = Assert.Single(result.Facts, f => f.Day == Day);
        Assert.Equal(1_200, first.InputTokens);
        Assert.Equal(0, first.OutputTokens);
        Assert.Null(first.Requests);
        Assert.Equal(new Completeness(72, 36), first.Completeness);
        var second = Assert.Single(result.Facts, f => f.Day == day2);
        Assert.Null(second.InputTokens);
        Assert.Null(second.OutputTokens);
        Assert.Equal(0, second.Completeness.Ratio);
    }

    [Fact]
    public async Task AMetricWithAnErrorCode_IsAnIssueForThatResource_AndItsFiguresAreMissing()
    {
        await using var server = await ServeBatch(id => id == AccountA
            ?
            [
                MetricsPayload.Metric(id, "ProcessedPromptTokens", MetricsPayload.Hourly(Day, "total", _ => 1, ("ModelDeploymentName", "d"))),
                MetricsPayload.FailedMetric(id, "GeneratedTokens", "InternalError", "Metric store unavailable"),
                MetricsPayload.Metric(id, "AzureOpenAIRequests", MetricsPayload.Hourly(Day, "total", _ => 1, ("ModelDeploymentName", "d"))),
            ]
            :
            [
                MetricsPayload.Metric(id, "ProcessedPromptTokens", MetricsPayload.Hourly(Day, "total", _ => 1, ("ModelDeploymentName", "d"))),
                MetricsPayload.Metric(id, "GeneratedTokens", MetricsPayload.Hourly(Day, "total", _ => 1, ("ModelDeploymentName", "d"))),
                MetricsPayload.Metric(id, "AzureOpenAIRequests", MetricsPayload.Hourly(Day, "total", _ => 1, ("ModelDeploymentName", "d"))),
            ]);

        var result = await CreateSource(server, TokenMetricSet.Classic).GetDailyUsageAsync(new ApiTelemetryQuery(DayRange.OneDay(Day), [AccountA, AccountB]));

        var issue = Assert.Single(result.Issues);
        Assert.Equal(AccountA, issue.Subject);
        Assert.Contains("InternalError", issue.Message, StringComparison.Ordinal);
        var a = Assert.Single(result.Facts, f => f.Selector.Scope == AccountA);
        Assert.Null(a.OutputTokens);
        Assert.Equal(24, a.InputTokens);
        Assert.Equal(new Completeness(72, 48), a.Completeness);
        Assert.True(Assert.Single(result.Facts, f => f.Selector.Scope == AccountB).Completeness.IsComplete);
        Assert.Contains(_harness.Logs.Collector.GetSnapshot(), e => e.Id.Id == 4020);
    }

    [Fact]
    public async Task InAutoMode_TheAbsenceOfTheOtherMetricFamily_IsNotAnIssue()
    {
        await using var server = await ServeBatch(id =>
        [
            MetricsPayload.Metric(id, "ProcessedPromptTokens", MetricsPayload.Hourly(Day, "total", _ => 1, ("ModelDeploymentName", "d"))),
            MetricsPayload.Metric(id, "GeneratedTokens", MetricsPayload.Hourly(Day, "total", _ => 1, ("ModelDeploymentName", "d"))),
            MetricsPayload.FailedMetric(id, "InputTokens", "BadRequest", "Metric InputTokens is not supported for this resource"),
            MetricsPayload.Metric(id, "AzureOpenAIRequests", MetricsPayload.Hourly(Day, "total", _ => 1, ("ModelDeploymentName", "d"))),
        ]);

        var result = await CreateSource(server).GetDailyUsageAsync(new ApiTelemetryQuery(DayRange.OneDay(Day), [AccountA]));

        Assert.Empty(result.Issues);
        Assert.True(Assert.Single(result.Facts).Completeness.IsComplete);
    }

    [Fact]
    public async Task AResourceWithoutAnySeries_IsReportedMissingForEveryDay()
    {
        await using var server = await ServeBatch(id => [MetricsPayload.Metric(id, "ProcessedPromptTokens"), MetricsPayload.Metric(id, "GeneratedTokens"), MetricsPayload.Metric(id, "AzureOpenAIRequests")]);

        var result = await CreateSource(server, TokenMetricSet.Classic).GetDailyUsageAsync(new ApiTelemetryQuery(new DayRange(Day, Day.AddDays(2)), [AccountA]));

        Assert.Equal(3, result.Facts.Count);
        Assert.All(result.Facts, f =>
        {
            Assert.Null(f.Selector.Deployment);
            Assert.Null(f.InputTokens);
            Assert.Equal(0, f.Completeness.Ratio);
        });
    }

    [Fact]
    public async Task TheReferenceFoundryAnswer_ReadThroughArm_GivesInputTokensAndFlagsTheRest()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, Fixture.Text("AzureMonitor/arm-foundry-tokens.json")));
        var foundry = MetricsPayload.Account("my-foundry");
        var source = new AzureOpenAiUsageSource("aoai", CreateClient(server), region: null, [foundry], TokenMetricSet.Foundry, _harness.Logger);

        var result = await source.GetDailyUsageAsync(ApiTelemetryQuery.For(DayRange.OneDay(Day)));

        Assert.Equal("GET", Assert.Single(server.Requests).Method);
        var fact = Assert.Single(result.Facts);
        Assert.Equal("gpt-4o-prod", fact.Selector.Deployment);
        Assert.Equal(182_934, fact.InputTokens);
        Assert.Null(fact.OutputTokens);
        Assert.Equal(new Completeness(72, 2), fact.Completeness);
        Assert.Equal(2, result.Issues.Count);
    }

    private static Task<LoopbackServer> ServeBatch(Func<string, JsonObject[]> metricsOf) =>
        LoopbackServer.StartAsync(async context =>
        {
            var ids = MetricsPayload.RequestedIds(await LoopbackReplies.Body(context));
            await LoopbackReplies.Json(context, MetricsPayload.Batch([.. ids.Select(id => (id, metricsOf(id)))]));
        });

    private AzureMonitorMetricsClient CreateClient(LoopbackServer server) =>
        new("aoai",
            new AzureMonitorEndpoints { Arm = server.BaseUri, BatchTemplate = server.BaseUri.ToString() },
            _harness.Pipeline(server, "aoai", AzureMonitorMetricsClient.ArmScope),
            _harness.Pipeline(server, "aoai", AzureMonitorMetricsClient.BatchScope),
            _harness.Logger);

    private AzureOpenAiUsageSource CreateSource(LoopbackServer server, TokenMetricSet metricSet = TokenMetricSet.Auto) =>
        new("aoai", CreateClient(server), "eastus", [], metricSet, _harness.Logger);
}
