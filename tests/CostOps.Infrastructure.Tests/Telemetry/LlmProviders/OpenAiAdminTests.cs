using CostOps.Application.Telemetry;
using CostOps.Domain.Time;
using CostOps.Infrastructure.LlmProviders.OpenAI;
using CostOps.TestSupport;

namespace CostOps.Infrastructure.Tests.Telemetry.LlmProviders;

public sealed class OpenAiAdminTests
{
    public const string AdminKey = "sk-admin-TESTSECRET-openai-0123456789";
    private static readonly DateOnly Day = new(2025, 1, 1);

    private readonly TelemetryHarness _harness = new();

    [Fact]
    public async Task Usage_FollowsNextPageUntilHasMoreIsFalse_AndReportsEveryProjectModelAndDay()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context,
            Fixture.Text(context.Request.Query.ContainsKey("page") ? "OpenAI/usage-completions-page2.json" : "OpenAI/usage-completions-page1.json")));

        var result = await Usage(server).GetDailyUsageAsync(ApiTelemetryQuery.For(new DayRange(Day, Day.AddDays(2))));

        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("page=page_AAAAAGdGxdEiJdKOAAAAAGcqsYA%3D", server.Requests[1].PathAndQuery, StringComparison.Ordinal);
        var abc = result.Facts.Where(f => f.Selector.Scope == "proj_abc123").ToList();
        Assert.Equal(3, abc.Count);
        Assert.Equal(new ApiUsageSelector(ApiProviders.OpenAI, "proj_abc123", null, "gpt-4o-2024-08-06"), abc[0].Selector);
        Assert.Equal((1_250_000L, 310_000L, 400_000L, 5_120L), (abc[0].InputTokens!.Value, abc[0].OutputTokens!.Value, abc[0].CachedInputTokens!.Value, abc[0].Requests!.Value));
        Assert.Equal(1_000, abc[1].InputTokens);
        // Day 3's bucket arrived empty: no usage, which is zero and complete.
        Assert.Equal(0, abc[2].InputTokens);
        Assert.True(abc[2].Completeness.IsComplete);
        var xyz = result.Facts.Where(f => f.Selector.Scope == "proj_xyz789").ToList();
        Assert.Equal([0L, 500L, 0L], xyz.Select(f => f.InputTokens!.Value));
    }

    [Fact]
    public async Task Usage_SendsTheAdminKeyAndTheDocumentedQuery()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, Fixture.Text("OpenAI/usage-completions-page2.json")));

        await Usage(server).GetDailyUsageAsync(new ApiTelemetryQuery(DayRange.OneDay(Day), ["proj_abc123"]));

        var sent = Assert.Single(server.Requests);
        Assert.Equal($"Bearer {AdminKey}", sent.Header("Authorization"));
        Assert.Equal(
            "/v1/organization/usage/completions?start_time=1735689600&end_time=1735776000&bucket_width=1d&group_by=model&group_by=project_id&project_ids=proj_abc123&limit=31",
            sent.PathAndQuery);
    }

    [Fact]
    public async Task Usage_DaysWithoutABucket_AreMissing_NotZero()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, Fixture.Text("OpenAI/usage-completions-page2.json")));

        var result = await Usage(server).GetDailyUsageAsync(ApiTelemetryQuery.For(new DayRange(Day, Day.AddDays(2))));

        var first = Assert.Single(result.Facts, f => f.Selector.Scope == "proj_abc123" && f.Day == Day);
        Assert.Null(first.InputTokens);
        Assert.Null(first.OutputTokens);
        Assert.Null(first.Requests);
        Assert.Equal(Completeness.Missing(1), first.Completeness);
    }

    [Fact]
    public async Task Usage_WithNoUsageAnywhere_ReportsTheOrganizationPerDay()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context,
            """{"object":"page","data":[{"object":"bucket","start_time":1735689600,"end_time":1735776000,"results":[]}],"has_more":false,"next_page":null}"""));

        var result = await Usage(server).GetDailyUsageAsync(ApiTelemetryQuery.For(new DayRange(Day, Day.AddDays(1))));

        Assert.Equal(2, result.Facts.Count);
        Assert.All(result.Facts, f => Assert.Null(f.Selector.Scope));
        Assert.Equal(0, result.Facts[0].InputTokens);
        Assert.Null(result.Facts[1].InputTokens);
    }

    [Fact]
    public async Task Costs_AreDollarsSummedOverLineItems()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, Fixture.Text("OpenAI/costs-page.json")));

        var result = await Costs(server).GetDailyCostsAsync(ApiTelemetryQuery.For(DayRange.OneDay(Day)));

        var fact = Assert.Single(result.Facts);
        Assert.Equal(new ApiCostFact(ApiProviders.OpenAI, "proj_abc123", Day, 0.20m, Completeness.Full(1)), fact);
        Assert.StartsWith("/v1/organization/costs?start_time=1735689600&end_time=1735776000&bucket_width=1d&group_by=project_id&limit=180", Assert.Single(server.Requests).PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Costs_ANonUsdResultMakesItsProjectDayMissing_AndABucketOutsideTheDaysIsIgnored()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context,
            """{"data":[{"start_time":1735603200,"results":[{"amount":{"value":9,"currency":"usd"},"project_id":"proj_outside"}]},{"start_time":1735689600,"results":[{"amount":{"value":0.5,"currency":"usd"},"project_id":"proj_abc123"},{"amount":{"value":2,"currency":"eur"},"project_id":null}]}],"has_more":false}"""));

        var result = await Costs(server).GetDailyCostsAsync(ApiTelemetryQuery.For(DayRange.OneDay(Day)));

        Assert.Equal(
            [new ApiCostFact(ApiProviders.OpenAI, null, Day, null, Completeness.Missing(1)), new ApiCostFact(ApiProviders.OpenAI, "proj_abc123", Day, 0.5m, Completeness.Full(1))],
            result.Facts);
        Assert.Equal(new TelemetryIssue("openai", "(organization)", "2025-01-01: cost in 'eur', not USD."), Assert.Single(result.Issues));
    }

    [Fact]
    public async Task Throttling_IsRetriedAfterRetryAfter_AndAServerErrorThenSuccessToo()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(context => Interlocked.Increment(ref calls) switch
        {
            1 => LoopbackReplies.Status(context, 429, ("Retry-After", "20")),
            2 => LoopbackReplies.Status(context, 500),
            _ => LoopbackReplies.Json(context, Fixture.Text("OpenAI/costs-page.json")),
        });

        var result = await Costs(server).GetDailyCostsAsync(ApiTelemetryQuery.For(DayRange.OneDay(Day)));

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(20), _harness.Time.Delays[0]);
        Assert.Equal(0.20m, Assert.Single(result.Facts).AmountUsd);
    }

    [Fact]
    public async Task AMalformedSecondPage_FailsTheWholeRead()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context,
            context.Request.Query.ContainsKey("page") ? """{"object":"page","data":[{"start_time":"yesterday"}]""" : Fixture.Text("OpenAI/usage-completions-page1.json")));

        var error = await Assert.ThrowsAsync<TelemetrySourceException>(() => Usage(server).GetDailyUsageAsync(ApiTelemetryQuery.For(DayRange.OneDay(Day))));

        Assert.Contains("Source 'openai' (OpenAI usage) returned a malformed body", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HasMoreWithoutACursor_IsMalformed()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context,
            """{"object":"page","data":[],"has_more":true,"next_page":null}"""));

        var error = await Assert.ThrowsAsync<TelemetrySourceException>(() => Usage(server).GetDailyUsageAsync(ApiTelemetryQuery.For(DayRange.OneDay(Day))));

        Assert.Contains("has_more is true but next_page is empty", error.Message, StringComparison.Ordinal);
    }

    internal OpenAiAdminClient Client(LoopbackServer server) =>
        new("openai", server.BaseUri, _harness.Pipeline(server, "openai", null, OpenAiAdminClient.KeyPolicy(AdminKey)), AdminKey);

    private OpenAiUsageSource Usage(LoopbackServer server) => new("openai", Client(server), _harness.Logger);

    private OpenAiCostSource Costs(LoopbackServer server) => new(Client(server), _harness.Logger);
}
