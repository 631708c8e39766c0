using System.Text.Json.Nodes;
using CostOps.Application.Telemetry;
using CostOps.Domain.Time;
using CostOps.Infrastructure.CostManagement;
using CostOps.TestSupport;
using Microsoft.AspNetCore.Http;

namespace CostOps.Infrastructure.Tests.Telemetry.CostManagement;

public sealed class CostManagementTests
{
    private const string Subscription = "11111111-2222-3333-4444-555555555555";
    private static readonly DateOnly Day = new(2025, 1, 1);
    private static readonly string GpuVm = $"/subscriptions/{Subscription}/resourceGroups/gpu-rg/providers/Microsoft.Compute/virtualMachines/gpu-vm-01";
    private static readonly string T4Vm = $"/subscriptions/{Subscription}/resourceGroups/gpu-rg/providers/Microsoft.Compute/virtualMachines/t4-vm-02";

    private readonly TelemetryHarness _harness = new();

    [Fact]
    public async Task Paging_PostsTheSameBodyToNextLink_AndMatchesResourceIdsCaseInsensitively()
    {
        await using var server = await ServePages();

        var result = await Source(server).GetDailyCostsAsync(new ResourceCostQuery(new DayRange(Day, Day.AddDays(1)), [GpuVm, T4Vm]));

        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("POST", r.Method));
        Assert.Equal(server.Requests[0].Body, server.Requests[1].Body);
        Assert.Contains("$skiptoken=AQAAAA%3D%3D", server.Requests[1].PathAndQuery, StringComparison.Ordinal);
        Assert.Empty(result.Issues);
        Assert.Equal(
        [
            new ResourceCostFact(GpuVm, Day, 167.52m, "USD", 167.52m, ResourceCostBasis.Amortized, Completeness.Full(1)),
            new ResourceCostFact(GpuVm, Day.AddDays(1), 160.08m, "USD", 160.08m, ResourceCostBasis.Amortized, Completeness.Full(1)),
            new ResourceCostFact(T4Vm, Day, 12.624m, "USD", 12.624m, ResourceCostBasis.Amortized, Completeness.Full(1)),
            new ResourceCostFact(T4Vm, Day.AddDays(1), null, null, null, ResourceCostBasis.Amortized, Completeness.Missing(1)),
        ], result.Facts);
    }

    [Fact]
    public async Task TheQuery_IsAmortizedDailyGroupedByResourceId_ForTheWholeWindow()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, Fixture.Text("CostManagement/amortized-daily-page2.json")));

        await Source(server).GetDailyCostsAsync(new ResourceCostQuery(new DayRange(Day, Day.AddDays(1)), []));

        var sent = Assert.Single(server.Requests);
        Assert.Equal($"/subscriptions/{Subscription}/providers/Microsoft.CostManagement/query?api-version=2023-11-01", sent.PathAndQuery);
        Assert.Equal("Bearer loopback-token", sent.Header("Authorization"));
        var body = JsonNode.Parse(sent.Body)!;
        Assert.Equal("AmortizedCost", (string?)body["type"]);
        Assert.Equal("Custom", (string?)body["timeframe"]);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), DateTimeOffset.Parse((string)body["timePeriod"]!["from"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 23, 59, 59, TimeSpan.Zero), DateTimeOffset.Parse((string)body["timePeriod"]!["to"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Daily", (string?)body["dataset"]!["granularity"]);
        Assert.Equal("Cost", (string?)body["dataset"]!["aggregation"]!["totalCost"]!["name"]);
        Assert.Equal("ResourceId", (string?)body["dataset"]!["grouping"]![0]!["name"]);
        Assert.Equal("microsoft.compute/virtualmachines", (string?)body["dataset"]!["filter"]!["dimensions"]!["values"]![0]);
    }

    [Fact]
    public async Task QpuThrottling_IsHonouredFromTheCostManagementRetryAfterHeader()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(context => Interlocked.Increment(ref calls) == 1
            ? LoopbackReplies.Json(context, """{"error":{"code":"429","message":"Too many requests. Please retry."}}""", 429,
                ("x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after", "12"),
                ("x-ms-ratelimit-microsoft.costmanagement-qpu-consumed", "1"),
                ("x-ms-ratelimit-microsoft.costmanagement-qpu-remaining", "QueryResource=0"))
            : LoopbackReplies.Json(context, Fixture.Text("CostManagement/amortized-daily-page2.json")));

        var result = await Source(server).GetDailyCostsAsync(new ResourceCostQuery(DayRange.OneDay(Day.AddDays(1)), [GpuVm]));

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(12)], _harness.Time.Delays);
        Assert.Equal(160.08m, Assert.Single(result.Facts).Cost);
    }

    [Fact]
    public async Task TheLongestOfSeveralRetryAfterHeaders_Wins()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(context => Interlocked.Increment(ref calls) == 1
            ? LoopbackReplies.Status(context, 429,
                ("x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after", "5"),
                ("x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after", "40"),
                ("Retry-After", "2"))
            : LoopbackReplies.Json(context, Fixture.Text("CostManagement/amortized-daily-page2.json")));

        await Source(server).GetDailyCostsAsync(new ResourceCostQuery(DayRange.OneDay(Day), [GpuVm]));

        Assert.Equal([TimeSpan.FromSeconds(40)], _harness.Time.Delays);
    }

    [Fact]
    public async Task AServerErrorThenSuccess_IsRetried()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(context => Interlocked.Increment(ref calls) == 1
            ? LoopbackReplies.Status(context, 503, ("Retry-After", "1"))
            : LoopbackReplies.Json(context, Fixture.Text("CostManagement/amortized-daily-page2.json")));

        var result = await Source(server).GetDailyCostsAsync(new ResourceCostQuery(DayRange.OneDay(Day.AddDays(1)), [GpuVm]));

        Assert.Equal(2, server.Requests.Count);
        Assert.True(Assert.Single(result.Facts).Completeness.IsComplete);
    }

    [Fact]
    public async Task ThrottlingBeyondTheLongestAllowedWait_FailsWithoutWaiting()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
            LoopbackReplies.Status(context, 429, ("x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after", "3600")));

        var error = await Assert.ThrowsAsync<TelemetrySourceException>(() => Source(server).GetDailyCostsAsync(new ResourceCostQuery(DayRange.OneDay(Day), [GpuVm])));

        Assert.Single(server.Requests);
        Assert.Empty(_harness.Time.Delays);
        Assert.Equal(429, error.Status);
        Assert.Contains(_harness.Logs.Collector.GetSnapshot(), e => e.Id.Id == 4004);
    }

    [Fact]
    public async Task ColumnsAreReadByName_PreTaxCostInEuros_HasNoUsdFigure()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, Fixture.Text("CostManagement/pretax-ea-eur.json")));

        var fact = Assert.Single((await Source(server, CostColumnNaming.PreTaxCost).GetDailyCostsAsync(new ResourceCostQuery(DayRange.OneDay(Day), [GpuVm]))).Facts);

        Assert.Equal(153.1m, fact.Cost);
        Assert.Equal("EUR", fact.Currency);
        Assert.Null(fact.CostUsd);
        Assert.Contains("\"PreTaxCostUSD\"", Assert.Single(server.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoContent_MeansEveryAskedDayIsMissing()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });

        var result = await Source(server).GetDailyCostsAsync(new ResourceCostQuery(new DayRange(Day, Day.AddDays(1)), [GpuVm]));

        Assert.Equal(2, result.Facts.Count);
        Assert.All(result.Facts, f => Assert.Null(f.Cost));
        Assert.All(result.Facts, f => Assert.Equal(0, f.Completeness.Ratio));
    }

    [Theory]
    [InlineData("CostManagement/spec-example-grouped-by-resourcegroup.json", "no UsageDate column")]
    [InlineData(null, "returned a malformed body")]
    public async Task AMalformedAnswer_FailsNamingTheSource(string? fixture, string expected)
    {
        await using var server = await LoopbackServer.StartAsync(context =>
            LoopbackReplies.Json(context, fixture is null ? """{"properties":{"columns":[{"name":"Cost"}],"rows":[[1""" : Fixture.Text(fixture)));

        var error = await Assert.ThrowsAsync<TelemetrySourceException>(() => Source(server).GetDailyCostsAsync(new ResourceCostQuery(DayRange.OneDay(Day), [GpuVm])));

        Assert.StartsWith("Source 'costs' (Cost Management query)", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMalformedSecondPage_ReturnsNoFactsAtAll()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, context.Request.QueryString.Value!.Contains("skiptoken", StringComparison.Ordinal)
            ? """{"properties":{"nextLink":null,"columns":[{"name":"Cost"},{"name":"UsageDate"},{"name":"ResourceId"}],"rows":[[1,20250101]]}}"""
            : Fixture.Text("CostManagement/amortized-daily-page1.json").Replace("https://management.azure.com/", context.Request.Scheme + "://" + context.Request.Host + "/", StringComparison.Ordinal)));

        var error = await Assert.ThrowsAsync<TelemetrySourceException>(() => Source(server).GetDailyCostsAsync(new ResourceCostQuery(DayRange.OneDay(Day), [GpuVm])));

        Assert.Contains("a row has 2 values for 3 columns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANextLinkToAnotherHost_IsRefused()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, Fixture.Text("CostManagement/amortized-daily-page1.json")));

        var error = await Assert.ThrowsAsync<TelemetrySourceException>(() => Source(server).GetDailyCostsAsync(new ResourceCostQuery(DayRange.OneDay(Day), [GpuVm])));

        Assert.Single(server.Requests);
        Assert.Contains("points to another host (https://management.azure.com)", error.Message, StringComparison.Ordinal);
    }

    private static Task<LoopbackServer> ServePages() =>
        LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, context.Request.QueryString.Value!.Contains("skiptoken", StringComparison.Ordinal)
            ? Fixture.Text("CostManagement/amortized-daily-page2.json")
            // The recorded nextLink points at ARM; the fake serves it from its own address.
            : Fixture.Text("CostManagement/amortized-daily-page1.json").Replace("https://management.azure.com/", context.Request.Scheme + "://" + context.Request.Host + "/", StringComparison.Ordinal)));

    private CostManagementCostSource Source(LoopbackServer server, CostColumnNaming naming = CostColumnNaming.Cost) =>
        new(new CostManagementClient("costs", server.BaseUri, $"/subscriptions/{Subscription}", _harness.Pipeline(server, "costs", CostManagementClient.Scope), naming,
            ["microsoft.compute/virtualmachines", "microsoft.compute/virtualmachinescalesets"]), _harness.Logger);
}
