using CostOps.Application.Telemetry;
using CostOps.Domain.Time;
using CostOps.Infrastructure.AzureMonitor;
using CostOps.TestSupport;

namespace CostOps.Infrastructure.Tests.Telemetry.AzureMonitor;

/// <summary>An answer whose <c>interval</c> is not the one asked for is brought to the asked grain, or left unknown.</summary>
public sealed class MetricsIntervalTests
{
    private static readonly DateOnly Day = new(2025, 1, 1);
    private static readonly string Vm = MetricsPayload.Vm("gpu-vm-01");
    private static readonly DateTimeOffset Nine = new(2021, 4, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly string BlobServices =
        "/subscriptions/1f3fa6d2-851c-4a91-9087-1a050f3a9c38/resourceGroups/todking/providers/Microsoft.Storage/storageAccounts/tkfileserv/blobServices/default";

    private readonly TelemetryHarness _harness = new();

    [Fact]
    public async Task ThePublishedHourlyAnswer_ToATwoHourAsk_IsCombined_AndTheHalfFilledLastBucketIsUnknown()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, Fixture.Text("AzureMonitor/spec-get-metric-pt1h-for-pt6h.json")));
        var request = new MetricsRequest("Microsoft.Storage/storageAccounts/blobServices", ["BlobCount"], ["average", "minimum", "maximum"],
            TimeSpan.FromHours(2), Nine, Nine.AddHours(6), MetricsRequest.SplitBy("Tier"));

        var resource = Assert.Single(await CreateClient(server).ReadAsync(request, [new MetricsTarget(BlobServices, null)]));

        Assert.Null(resource.Error);
        var hot = Assert.Single(resource.Metric("BlobCount")!.Series, s => s.Dimension("tier") == "Hot");
        Assert.Equal([Nine, Nine.AddHours(2), Nine.AddHours(4)], hot.Points.Select(p => p.TimeStamp));
        Assert.Equal([7d, 7d, null], hot.Points.Select(p => p.Average));
        Assert.Equal([7d, 7d, null], hot.Points.Select(p => p.Maximum));
    }

    [Fact]
    public async Task ThePublishedHourlyAnswer_ToAHalfHourAsk_IsCoarser_SoTheResourceIsUnknownNamingBothGrains()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, Fixture.Text("AzureMonitor/spec-get-metric-pt1h-for-pt6h.json")));
        var request = new MetricsRequest("Microsoft.Storage/storageAccounts/blobServices", ["BlobCount"], ["average"], TimeSpan.FromMinutes(30), Nine, Nine.AddHours(5));

        var resource = Assert.Single(await CreateClient(server).ReadAsync(request, [new MetricsTarget(BlobServices, null)]));

        Assert.Empty(resource.Metrics);
        Assert.Equal("answered at interval PT1H, coarser than the PT30M asked; its data is left unknown.", resource.Error);
    }

    [Fact]
    public async Task ADailyAnswerToAnHourlyAsk_IsAnIssue_AndItsDaysAreMissing_NotOneHourOfData()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var id = Assert.Single(MetricsPayload.RequestedIds(await LoopbackReplies.Body(context)));
            var daily = MetricsPayload.Hourly(Day, "total", hour => hour == 0 ? 2400 : null);
            var body = MetricsPayload.Batch((id, [MetricsPayload.Metric(id, "Network In Total", daily)]));
            await LoopbackReplies.Json(context, body.Replace("\"PT1H\"", "\"P1D\"", StringComparison.Ordinal));
        });

        var result = await CreateSource(server).GetDailyMetricsAsync(
            new ResourceMetricsQuery(DayRange.OneDay(Day), [Vm], "Microsoft.Compute/virtualMachines", ["Network In Total"], ["total"]));

        var fact = Assert.Single(result.Facts);
        Assert.Null(fact.Total);
        Assert.Equal(Completeness.Missing(24), fact.Completeness);
        Assert.Contains("answered at interval P1D, coarser than the PT1H asked", Assert.Single(result.Issues).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHalfHourlyAnswerToAnHourlyAsk_SumsTotalsIntoTheDay_WithEveryHourArrived()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var id = Assert.Single(MetricsPayload.RequestedIds(await LoopbackReplies.Body(context)));
            var halfHours = MetricsPayload.Hourly(Day, "total", hour => hour);
            foreach (var point in halfHours["data"]!.AsArray().ToList())
            {
                var at = DateTimeOffset.Parse(point!["timeStamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).AddMinutes(30);
                halfHours["data"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["timeStamp"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), ["total"] = 1 });
            }
            var body = MetricsPayload.Batch((id, [MetricsPayload.Metric(id, "Network In Total", halfHours)]));
            await LoopbackReplies.Json(context, body.Replace("\"PT1H\"", "\"PT30M\"", StringComparison.Ordinal));
        });

        var result = await CreateSource(server).GetDailyMetricsAsync(
            new ResourceMetricsQuery(DayRange.OneDay(Day), [Vm], "Microsoft.Compute/virtualMachines", ["Network In Total"], ["total"]));

        Assert.Empty(result.Issues);
        var fact = Assert.Single(result.Facts);
        // 0 + 1 + ... + 23 on the hour, plus 1 on every half hour.
        Assert.Equal(276 + 24, fact.Total);
        Assert.Equal(Completeness.Full(24), fact.Completeness);
    }

    [Fact]
    public void FinerBuckets_AverageWeightedByCount_ExtremesKept_AndAPartialHourUnknown()
    {
        var hour = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var request = new MetricsRequest("ns", ["m"], ["average", "minimum", "maximum", "total", "count"], TimeSpan.FromHours(1), hour, hour.AddHours(2));
        MetricPoint Point(int minutes, double average, double count) =>
            new(hour.AddMinutes(minutes), average, average - 1, average + 1, average * count, count);
        var series = new MetricSeries(new Dictionary<string, string>(), [Point(0, 10, 1), Point(30, 40, 3), Point(60, 5, 1)]);
        var metric = new MetricResult("m", null, "Success", null, [series]);

        var (metrics, problem) = MetricsGrain.ToRequested([metric], "PT30M", request);

        Assert.Null(problem);
        var points = Assert.Single(Assert.Single(metrics).Series).Points;
        Assert.Equal(new MetricPoint(hour, (10 + (40 * 3)) / 4d, 9, 41, 130, 4), points[0]);
        Assert.Equal(new MetricPoint(hour.AddHours(1), null, null, null, null, null), points[1]);
    }

    private AzureMonitorMetricsClient CreateClient(LoopbackServer server) =>
        new("monitor",
            new AzureMonitorEndpoints { Arm = server.BaseUri, BatchTemplate = server.BaseUri.ToString().TrimEnd('/') },
            _harness.Pipeline(server, "monitor", AzureMonitorMetricsClient.ArmScope),
            _harness.Pipeline(server, "monitor", AzureMonitorMetricsClient.BatchScope),
            _harness.Logger);

    private AzureMonitorMetricsSource CreateSource(LoopbackServer server) =>
        new("monitor", CreateClient(server), "eastus", [], _harness.Logger);
}
