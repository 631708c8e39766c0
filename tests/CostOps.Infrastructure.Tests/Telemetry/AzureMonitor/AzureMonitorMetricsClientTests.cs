using System.Text.Json.Nodes;
using CostOps.Application.Telemetry;
using CostOps.Domain.Time;
using CostOps.Infrastructure.AzureMonitor;
using CostOps.TestSupport;

namespace CostOps.Infrastructure.Tests.Telemetry.AzureMonitor;

public sealed class AzureMonitorMetricsClientTests
{
    private static readonly DateOnly Day = new(2025, 1, 1);
    private static readonly MetricsRequest CpuRequest = new(
        "Microsoft.Compute/virtualMachines", ["Percentage CPU"], ["average"], TimeSpan.FromHours(1),
        DayRange.StartOf(Day), DayRange.StartOf(Day.AddDays(1)));

    private readonly TelemetryHarness _harness = new();

    [Fact]
    public async Task Batch_Reads120VmsOfOneRegion_InExactlyThreeCalls()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var ids = MetricsPayload.RequestedIds(await LoopbackReplies.Body(context));
            await LoopbackReplies.Json(context, MetricsPayload.Batch([.. ids.Select(id => (id, new[]
            {
                MetricsPayload.Metric(id, "Percentage CPU", MetricsPayload.Hourly(Day, "average", _ => 50)),
            }))]));
        });
        var client = CreateClient(server);
        var targets = Enumerable.Range(1, 120).Select(i => new MetricsTarget(MetricsPayload.Vm($"gpu-vm-{i:000}"), "eastus")).ToList();

        var results = await client.ReadAsync(CpuRequest, targets);

        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("POST", r.Method));
        // Several batches are in flight at once, so they may arrive in any order.
        Assert.Equal([20, 50, 50], server.Requests.Select(r => MetricsPayload.RequestedIds(r.Body).Count).Order());
        Assert.Equal(120, server.Requests.SelectMany(r => MetricsPayload.RequestedIds(r.Body)).Distinct().Count());
        Assert.Equal(targets.Select(t => t.ResourceId), results.Select(r => r.ResourceId));
        Assert.All(results, r => Assert.Null(r.Error));
    }

    [Fact]
    public async Task ReadEach_HandsEveryTargetOverOnce_UnderItsOwnId_AndOneTheAnswerLeftOutAsFailed()
    {
        var missing = MetricsPayload.Vm("gpu-vm-077");
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var ids = MetricsPayload.RequestedIds(await LoopbackReplies.Body(context));
            await LoopbackReplies.Json(context, MetricsPayload.Batch([.. ids.Where(id => id != missing).Select(id => (id, new[]
            {
                MetricsPayload.Metric(id, "Percentage CPU", MetricsPayload.Hourly(Day, "average", _ => 50)),
            }))]));
        });
        var client = CreateClient(server);
        var targets = Enumerable.Range(1, 120).Select(i => new MetricsTarget(MetricsPayload.Vm($"gpu-vm-{i:000}"), "eastus")).ToList();
        var handed = new List<(int Target, ResourceMetrics Metrics)>();

        // Never two calls at once, so the list needs no lock.
        await client.ReadEachAsync(CpuRequest, targets, (i, metrics) => handed.Add((i, metrics)));

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(Enumerable.Range(0, 120), handed.Select(h => h.Target).Order());
        Assert.All(handed, h => Assert.Equal(targets[h.Target].ResourceId, h.Metrics.ResourceId));
        var failed = Assert.Single(handed, h => h.Metrics.Error is not null);
        Assert.Equal(missing, failed.Metrics.ResourceId);
        Assert.Equal(24, Assert.Single(handed[0].Metrics.Metrics).Series.Single().Points.Count);
    }

    [Fact]
    public async Task Batch_CallsTheDataPlaneWithItsOwnScopeAndTheDocumentedQuery()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
            LoopbackReplies.Json(context, Fixture.Text("AzureMonitor/batch-spec-example.json")));
        var client = CreateClient(server);
        var storage = "/subscriptions/12345678-1234-1234-1234-123456789012/resourceGroups/TestGroup/providers/Microsoft.Storage/storageAccounts/TestStorage1";
        var request = new MetricsRequest("Microsoft.Storage/storageAccounts", ["Ingress"], ["average", "minimum", "maximum"], TimeSpan.FromMinutes(15),
            new DateTimeOffset(2023, 2, 1, 20, 0, 0, TimeSpan.Zero), new DateTimeOffset(2023, 2, 1, 23, 0, 0, TimeSpan.Zero), MetricsRequest.SplitBy("ApiName"));

        var results = await client.ReadAsync(request, [new MetricsTarget(storage, "eastus")]);

        var sent = Assert.Single(server.Requests);
        Assert.StartsWith("/subscriptions/12345678-1234-1234-1234-123456789012/metrics:getBatch?api-version=2024-02-01", sent.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("starttime=2023-02-01T20%3A00%3A00.000Z", sent.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("interval=PT15M", sent.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("top=1000", sent.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("&filter=ApiName%20eq%20", sent.PathAndQuery, StringComparison.Ordinal);
        Assert.DoesNotContain("$filter", sent.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal("Bearer loopback-token", sent.Header("Authorization"));
        Assert.Contains(_harness.Credential.RequestedScopes, s => s.SequenceEqual([AzureMonitorMetricsClient.BatchScope]));
        var ingress = Assert.Single(results).Metric("ingress");
        Assert.NotNull(ingress);
        Assert.Equal(2, ingress.Series.Count);
        Assert.Equal("GetBlob", ingress.Series[0].Dimension("ApiName"));
        Assert.Null(ingress.Series[1].Points[0].Average);
        Assert.Equal(342, ingress.Series[1].Points[1].Average);
    }

    [Fact]
    public async Task Batch_SplitsResourcesBySubscriptionAndRegion()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var ids = MetricsPayload.RequestedIds(await LoopbackReplies.Body(context));
            await LoopbackReplies.Json(context, MetricsPayload.Batch([.. ids.Select(id => (id, Array.Empty<JsonObject>()))]));
        });
        var client = CreateClient(server);
        var otherSubscription = "99999999-2222-3333-4444-555555555555";

        await client.ReadAsync(CpuRequest,
        [
            new MetricsTarget(MetricsPayload.Vm("a"), "eastus"),
            new MetricsTarget(MetricsPayload.Vm("b"), "westeurope"),
            new MetricsTarget(MetricsPayload.Vm("c", otherSubscription), "eastus"),
            new MetricsTarget(MetricsPayload.Vm("d"), "EastUS"),
        ]);

        Assert.Equal(3, server.Requests.Count);
        Assert.Contains(server.Requests, r => r.PathAndQuery.StartsWith($"/subscriptions/{otherSubscription}/", StringComparison.Ordinal));
        Assert.Contains(server.Requests, r => MetricsPayload.RequestedIds(r.Body).Count == 2);
    }

    [Fact]
    public async Task LongWindows_AreReadIn30DaySlices_AndStitchedIntoOneSeries()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var id = Assert.Single(MetricsPayload.RequestedIds(await LoopbackReplies.Body(context)));
            var start = DateOnly.FromDateTime(DateTime.Parse(context.Request.Query["starttime"]!, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime());
            await LoopbackReplies.Json(context, MetricsPayload.Batch((id, [MetricsPayload.Metric(id, "Percentage CPU",
                MetricsPayload.Hourly(start, "average", hour => hour == 0 ? 42 : null, ("LUN", "0")))])));
        });
        var request = CpuRequest with { End = CpuRequest.Start.AddDays(45) };

        var results = await CreateClient(server).ReadAsync(request, [new MetricsTarget(MetricsPayload.Vm("a"), "eastus")]);

        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("endtime=2025-01-31T00%3A00%3A00.000Z", server.Requests[0].PathAndQuery, StringComparison.Ordinal);
        var series = Assert.Single(Assert.Single(results).Metric("Percentage CPU")!.Series);
        Assert.Equal(48, series.Points.Count);
        Assert.Equal(2, series.Points.Count(p => p.Average == 42));
    }

    [Fact]
    public async Task Batch_RetriesA529_WaitingAsLongAsRetryAfterSays()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await LoopbackReplies.Status(context, 529, ("Retry-After", "7"));
                return;
            }
            var ids = MetricsPayload.RequestedIds(await LoopbackReplies.Body(context));
            await LoopbackReplies.Json(context, MetricsPayload.Batch([.. ids.Select(id => (id, Array.Empty<JsonObject>()))]));
        });

        var results = await CreateClient(server).ReadAsync(CpuRequest, [new MetricsTarget(MetricsPayload.Vm("a"), "eastus")]);

        Assert.Equal(2, server.Requests.Count);
        Assert.Null(Assert.Single(results).Error);
        Assert.Equal(TimeSpan.FromSeconds(7), Assert.Single(_harness.Time.Delays));
        Assert.Contains(_harness.Logs.Collector.GetSnapshot(), e => e.Id.Id == 4001 && e.Message.Contains("529", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Batch_RetriesA429_HonouringRetryAfterMilliseconds()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await LoopbackReplies.Status(context, 429, ("retry-after-ms", "1500"));
                return;
            }
            await LoopbackReplies.Json(context, MetricsPayload.Batch((MetricsPayload.Vm("a"), [])));
        });

        await CreateClient(server).ReadAsync(CpuRequest, [new MetricsTarget(MetricsPayload.Vm("a"), "eastus")]);

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), Assert.Single(_harness.Time.Delays));
    }

    [Fact]
    public async Task Batch_RetriesAServerErrorThenSucceeds()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await LoopbackReplies.Status(context, 503);
                return;
            }
            await LoopbackReplies.Json(context, MetricsPayload.Batch((MetricsPayload.Vm("a"), [MetricsPayload.Metric(MetricsPayload.Vm("a"), "Percentage CPU")])));
        });

        var results = await CreateClient(server).ReadAsync(CpuRequest, [new MetricsTarget(MetricsPayload.Vm("a"), "eastus")]);

        Assert.Equal(2, server.Requests.Count);
        Assert.NotNull(Assert.Single(results).Metric("Percentage CPU"));
    }

    [Fact]
    public async Task Batch_GivesUpAfterTheConfiguredRetries_WithAnErrorNamingTheSource()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Status(context, 529));

        var error = await Assert.ThrowsAsync<TelemetrySourceException>(() =>
            CreateClient(server).ReadAsync(CpuRequest, [new MetricsTarget(MetricsPayload.Vm("a"), "eastus")]));

        Assert.Equal(_harness.Retry.MaxRetries + 1, server.Requests.Count);
        Assert.Equal("monitor", error.SourceName);
        Assert.Equal(529, error.Status);
        Assert.Contains("Source 'monitor' (Azure Monitor metrics batch)", error.Message, StringComparison.Ordinal);
        Assert.Contains("throttled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_MalformedBody_FailsNamingTheSource()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, """{"values":[{"resourceid":"x","value":[{"name":"""));

        var error = await Assert.ThrowsAsync<TelemetrySourceException>(() =>
            CreateClient(server).ReadAsync(CpuRequest, [new MetricsTarget(MetricsPayload.Vm("a"), "eastus")]));

        Assert.Contains("Source 'monitor' (Azure Monitor metrics batch) returned a malformed body", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_BodyWithoutValues_IsMalformedRatherThanEmpty()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, """{"unexpected":true}"""));

        var error = await Assert.ThrowsAsync<TelemetrySourceException>(() =>
            CreateClient(server).ReadAsync(CpuRequest, [new MetricsTarget(MetricsPayload.Vm("a"), "eastus")]));

        Assert.Contains("no 'values' array", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_RefusedWithForbidden_FallsBackToTheArmApiPerResource()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            if (context.Request.Method == "POST")
            {
                return LoopbackReplies.Json(context, """{"error":{"code":"AuthorizationFailed","message":"needs Monitoring Reader at subscription scope"}}""", 403);
            }
            var resourceId = context.Request.Path.Value![..context.Request.Path.Value!.IndexOf("/providers/Microsoft.Insights", StringComparison.Ordinal)];
            return LoopbackReplies.Json(context, MetricsPayload.Arm(MetricsPayload.Metric(resourceId, "Percentage CPU", MetricsPayload.Hourly(Day, "average", _ => 10))));
        });

        var results = await CreateClient(server).ReadAsync(CpuRequest, [new MetricsTarget(MetricsPayload.Vm("a"), "eastus"), new MetricsTarget(MetricsPayload.Vm("b"), "eastus")]);

        Assert.Equal(["POST", "GET", "GET"], server.Requests.Select(r => r.Method).Order(StringComparer.Ordinal).Reverse().ToArray());
        Assert.All(results, r => Assert.Equal(24, r.Metric("Percentage CPU")!.Series[0].Points.Count));
        Assert.Contains(_harness.Logs.Collector.GetSnapshot(), e => e.Id.Id == 4021);
    }

    [Fact]
    public async Task Arm_IsUsedWhenTheRegionIsUnknown_WithTheDocumentedQueryAndArmScope()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, Fixture.Text("AzureMonitor/arm-vm-cpu.json")));
        var vm = MetricsPayload.Vm("gpu-vm-01");
        var request = CpuRequest with { Filter = MetricsRequest.SplitBy("LUN") };

        var results = await CreateClient(server).ReadAsync(request, [new MetricsTarget(vm, null)]);

        var sent = Assert.Single(server.Requests);
        Assert.Equal("GET", sent.Method);
        Assert.StartsWith($"{vm}/providers/Microsoft.Insights/metrics?api-version=2023-10-01", sent.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("timespan=2025-01-01T00%3A00%3A00.000Z%2F2025-01-02T00%3A00%3A00.000Z", sent.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("metricnames=Percentage%20CPU", sent.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("$filter=LUN%20eq%20", sent.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("top=1000", sent.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains(_harness.Credential.RequestedScopes, s => s.SequenceEqual([AzureMonitorMetricsClient.ArmScope]));
        var points = Assert.Single(results).Metric("Percentage CPU")!.Series[0].Points;
        Assert.Equal(3.1825, points[0].Average);
        Assert.Null(points[2].Average);
        Assert.Null(points[2].Maximum);
    }

    [Fact]
    public async Task Arm_NotFoundForOneResource_IsAnErrorForThatResourceOnly()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
            context.Request.Path.Value!.Contains("/gone/", StringComparison.Ordinal)
                ? LoopbackReplies.Json(context, """{"error":{"code":"ResourceNotFound","message":"The resource was not found."}}""", 404)
                : LoopbackReplies.Json(context, Fixture.Text("AzureMonitor/arm-vm-cpu.json")));

        var results = await CreateClient(server).ReadAsync(CpuRequest, [new MetricsTarget(MetricsPayload.Vm("gone"), null), new MetricsTarget(MetricsPayload.Vm("gpu-vm-01"), null)]);

        Assert.Contains("ResourceNotFound", results[0].Error, StringComparison.Ordinal);
        Assert.Null(results[1].Error);
    }

    [Fact]
    public async Task Parsing_TheRecordedArmAnswer_MatchesDimensionsCaseInsensitively()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, Fixture.Text("AzureMonitor/arm-record-cows-happiness.json")));
        var workspace = "/subscriptions/faa080af-c1d8-40ad-9cce-e1a450ca5b57/resourceGroups/rg-pakrymmon2/providers/Microsoft.OperationalInsights/workspaces/pakrymmon2-logs";

        // Asked at the recorded answer's own grain (PT1M), so its buckets come back as they are.
        var results = await CreateClient(server).ReadAsync(CpuRequest with { MetricNames = ["CowsHappiness"], Interval = TimeSpan.FromMinutes(1) }, [new MetricsTarget(workspace, null)]);

        var series = Assert.Single(results[0].Metric("CowsHappiness")!.Series);
        Assert.Equal("Guinness", series.Dimension("Name"));
        Assert.Equal("Guinness", series.Dimension("NAME"));
        Assert.Equal([1.0, 2.0], series.Points.Select(p => p.Count!.Value));
    }

    private AzureMonitorMetricsClient CreateClient(LoopbackServer server) =>
        new("monitor",
            new AzureMonitorEndpoints { Arm = server.BaseUri, BatchTemplate = server.BaseUri.ToString().TrimEnd('/') },
            _harness.Pipeline(server, "monitor", AzureMonitorMetricsClient.ArmScope),
            _harness.Pipeline(server, "monitor", AzureMonitorMetricsClient.BatchScope),
            _harness.Logger);
}
