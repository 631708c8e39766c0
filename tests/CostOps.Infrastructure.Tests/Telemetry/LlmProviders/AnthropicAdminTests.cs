using CostOps.Application.Telemetry;
using CostOps.Domain.Time;
using CostOps.Infrastructure.LlmProviders.Anthropic;
using CostOps.TestSupport;

namespace CostOps.Infrastructure.Tests.Telemetry.LlmProviders;

public sealed class AnthropicAdminTests
{
    public const string AdminKey = "sk-ant-admin01-TESTSECRET-anthropic-987654";
    private static readonly DateOnly Day = new(2025, 1, 1);

    private readonly TelemetryHarness _harness = new();

    [Fact]
    public async Task Usage_AddsCacheCreationAndCacheReadsToInput_AndHasNoRequestCount()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, Fixture.Text("Anthropic/usage-messages.json")));

        var fact = Assert.Single((await Usage(server).GetDailyUsageAsync(ApiTelemetryQuery.For(DayRange.OneDay(Day)))).Facts);

        Assert.Equal(new ApiUsageSelector(ApiProviders.Anthropic, "wrkspc_01ABC", null, "claude-sonnet-4-20250514"), fact.Selector);
        Assert.Equal(1_500_000 + 120_000 + 800_000, fact.InputTokens);
        Assert.Equal(800_000, fact.CachedInputTokens);
        Assert.Equal(250_000, fact.OutputTokens);
        Assert.Null(fact.Requests);
        Assert.True(fact.Completeness.IsComplete);
    }

    [Fact]
    public async Task Requests_CarryTheKeyTheVersionAndTheDocumentedQuery()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, Fixture.Text("Anthropic/usage-messages.json")));

        await Usage(server).GetDailyUsageAsync(new ApiTelemetryQuery(DayRange.OneDay(Day), ["wrkspc_01ABC"]));

        var sent = Assert.Single(server.Requests);
        Assert.Equal(AdminKey, sent.Header("x-api-key"));
        Assert.Equal("2023-06-01", sent.Header("anthropic-version"));
        Assert.Null(sent.Header("Authorization"));
        Assert.Equal(
            "/v1/organizations/usage_report/messages?starting_at=2025-01-01T00:00:00Z&ending_at=2025-01-02T00:00:00Z&bucket_width=1d&group_by[]=model&group_by[]=workspace_id&workspace_ids[]=wrkspc_01ABC&limit=31",
            Uri.UnescapeDataString(sent.PathAndQuery));
    }

    [Fact]
    public async Task CostReport_AmountsInCents_BecomeUsd()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, Fixture.Text("Anthropic/cost-report.json")));

        var fact = Assert.Single((await Costs(server).GetDailyCostsAsync(ApiTelemetryQuery.For(DayRange.OneDay(Day)))).Facts);

        Assert.Equal(1.2378912m, fact.AmountUsd);
        Assert.Equal("wrkspc_01ABC", fact.Scope);
        Assert.StartsWith("/v1/organizations/cost_report?", Assert.Single(server.Requests).PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CostReport_ANonUsdResultMakesItsWorkspaceDayMissing_AndABucketOutsideTheDaysIsIgnored()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context,
            """{"data":[{"starting_at":"2024-12-31T00:00:00Z","results":[{"currency":"USD","amount":"900","workspace_id":"wrkspc_OUTSIDE"}]},{"starting_at":"2025-01-01T00:00:00Z","results":[{"currency":"USD","amount":"100","workspace_id":"wrkspc_01ABC"},{"currency":"EUR","amount":"200","workspace_id":null}]}],"has_more":false}"""));

        var result = await Costs(server).GetDailyCostsAsync(ApiTelemetryQuery.For(DayRange.OneDay(Day)));

        Assert.Equal(
            [new ApiCostFact(ApiProviders.Anthropic, null, Day, null, Completeness.Missing(1)), new ApiCostFact(ApiProviders.Anthropic, "wrkspc_01ABC", Day, 1m, Completeness.Full(1))],
            result.Facts);
        Assert.Equal(new TelemetryIssue("anthropic", "(default workspace)", "2025-01-01: cost in 'EUR', not USD."), Assert.Single(result.Issues));
    }

    [Theory]
    [InlineData("123.78912", "1.2378912")]
    [InlineData("0", "0")]
    [InlineData("100", "1")]
    [InlineData("-250.5", "-2.505")]
    public void CentsStrings_AreParsedExactly(string cents, string usd) =>
        Assert.Equal(decimal.Parse(usd, System.Globalization.CultureInfo.InvariantCulture), AnthropicCostSource.CentsToUsd(cents));

    [Fact]
    public async Task Paging_FollowsNextPage_AndAMissingDayIsNull()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, context.Request.Query.ContainsKey("page")
            ? """{"data":[{"starting_at":"2025-01-02T00:00:00Z","ending_at":"2025-01-03T00:00:00Z","results":[{"currency":"USD","amount":"50","workspace_id":"wrkspc_01ABC"}]}],"has_more":false,"next_page":null}"""
            : """{"data":[{"starting_at":"2025-01-01T00:00:00Z","ending_at":"2025-01-02T00:00:00Z","results":[{"currency":"USD","amount":"25","workspace_id":"wrkspc_01ABC"},{"currency":"USD","amount":"25","workspace_id":"wrkspc_01ABC"}]}],"has_more":true,"next_page":"cursor-2"}"""));

        var facts = (await Costs(server).GetDailyCostsAsync(ApiTelemetryQuery.For(new DayRange(Day, Day.AddDays(2))))).Facts;

        Assert.Equal(2, server.Requests.Count);
        Assert.EndsWith("&page=cursor-2", server.Requests[1].PathAndQuery, StringComparison.Ordinal);
        Assert.Equal([0.50m, 0.50m, null], facts.Select(f => f.AmountUsd));
        Assert.Equal(Completeness.Missing(1), facts[2].Completeness);
    }

    [Fact]
    public async Task Overloaded529_IsRetried()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(context => Interlocked.Increment(ref calls) == 1
            ? LoopbackReplies.Json(context, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""", 529, ("retry-after", "4"))
            : LoopbackReplies.Json(context, Fixture.Text("Anthropic/usage-messages.json")));

        var result = await Usage(server).GetDailyUsageAsync(ApiTelemetryQuery.For(DayRange.OneDay(Day)));

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(4)], _harness.Time.Delays);
        Assert.Single(result.Facts);
    }

    [Fact]
    public async Task AServerErrorThenSuccess_IsRetried()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(context => Interlocked.Increment(ref calls) == 1
            ? LoopbackReplies.Json(context, """{"type":"error","error":{"type":"api_error","message":"Internal server error"}}""", 500)
            : LoopbackReplies.Json(context, Fixture.Text("Anthropic/cost-report.json")));

        var result = await Costs(server).GetDailyCostsAsync(ApiTelemetryQuery.For(DayRange.OneDay(Day)));

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(1.2378912m, Assert.Single(result.Facts).AmountUsd);
    }

    [Theory]
    [InlineData("""{"data":[{"starting_at":"2025-01-01T00:00:00Z","results":[{"currency":"USD","amount":12.5}]}],"has_more":false}""")]
    [InlineData("""{"data":[{"starting_at":"2025-01-01T00:00:00Z","results":[{"currency":"USD","amount":"lots"}]}],"has_more":false}""")]
    [InlineData("""{"data":[{"results":[]}],"has_more":false}""")]
    [InlineData("""{"has_more":false}""")]
    public async Task AMalformedCostReport_FailsNamingTheSource(string body)
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, body));

        var error = await Assert.ThrowsAsync<TelemetrySourceException>(() => Costs(server).GetDailyCostsAsync(ApiTelemetryQuery.For(DayRange.OneDay(Day))));

        Assert.StartsWith("Source 'anthropic' (Anthropic cost report) returned a malformed body", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnErrorAnswer_NamesTheSourceAndTheAnthropicErrorType()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
            LoopbackReplies.Json(context, """{"type":"error","error":{"type":"permission_error","message":"This key cannot read usage."}}""", 403));

        var error = await Assert.ThrowsAsync<TelemetrySourceException>(() => Usage(server).GetDailyUsageAsync(ApiTelemetryQuery.For(DayRange.OneDay(Day))));

        Assert.Equal("Source 'anthropic' (Anthropic usage report) answered HTTP 403 Forbidden: permission_error: This key cannot read usage.", error.Message);
    }

    internal AnthropicAdminClient Client(LoopbackServer server) =>
        new("anthropic", server.BaseUri, _harness.Pipeline(server, "anthropic", null, AnthropicAdminClient.HeaderPolicies(AdminKey)), AdminKey);

    private AnthropicUsageSource Usage(LoopbackServer server) => new(Client(server), _harness.Logger);

    private AnthropicCostSource Costs(LoopbackServer server) => new(Client(server), _harness.Logger);
}
