using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Core;
using CostOps.Application.Jobs;
using CostOps.Application.Nightly;
using CostOps.Application.Ports;
using CostOps.Application.Results;
using CostOps.Domain.Time;
using Azure.Data.Tables;
using CostOps.Infrastructure.Identity;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.Infrastructure.Tests.Telemetry;
using CostOps.Infrastructure.Tests.Telemetry.AzureMonitor;
using CostOps.Infrastructure.Tests.Telemetry.Prometheus;
using CostOps.TestSupport;
using CostOps.TestSupport.Azurite;
using CostOps.TestSupport.Nightly;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CostOps.Infrastructure.Tests.Nightly;

/// <summary>
/// The nightly TCO job end to end: the real composition (<c>AddCostOps</c>) against Azurite and one HTTPS loopback
/// fake that plays managed Prometheus (vLLM counters, DCGM), the metrics batch API (<c>VmAvailabilityMetric</c>),
/// ARM and Cost Management. Only the primary HTTP handler of the telemetry clients is swapped (to trust the fake's
/// certificate), so the product's transports, retries and upstream call counting all run as shipped.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed partial class NightlyAgainstLoopbackSourcesTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RerunningTheSameNight_ReplacesEachWorkloadsRow_UnderTheNewRunId()
    {
        await using var night = await Night.StartAsync(azurite);

        var first = await night.RunAsync();
        var firstRows = await night.StoredRowsAsync();
        var second = await night.RunAsync();
        var secondRows = await night.StoredRowsAsync();

        Assert.Equal(JobStatus.Succeeded, first.Run.Status);
        Assert.Equal(JobStatus.Succeeded, second.Run.Status);
        Assert.NotEqual(first.Run.RunId, second.Run.RunId);
        Assert.Equal(["alpha", "bravo", "charlie"], firstRows.Select(r => r.PartitionKey));
        Assert.Equal(firstRows.Select(r => (r.PartitionKey, r.RowKey)), secondRows.Select(r => (r.PartitionKey, r.RowKey)));
        Assert.All(firstRows, r => Assert.Equal(first.Run.RunId, r.GetString("RunId")));
        Assert.All(secondRows, r => Assert.Equal(second.Run.RunId, r.GetString("RunId")));
        // Same telemetry, same figures: only the run id and time moved.
        Assert.Equal(firstRows.Select(r => r.GetDouble("SavingsUsd")), secondRows.Select(r => r.GetDouble("SavingsUsd")));
        var alpha = secondRows[0];
        Assert.Equal(48d, alpha.GetDouble("GpuHours"));
        Assert.Equal(192d, alpha.GetDouble("GpuCostUsd"));
        Assert.Equal("amortized-actual", alpha.GetString("CostBasis"));
        Assert.Equal(96L, alpha.GetInt64("Requests"));
        Assert.Equal(1d, alpha.GetDouble("Completeness"));
    }

    [Fact]
    public async Task ASourceFailingForOneWorkload_LeavesTheOthersStored_ThatWorkloadsEarlierRowUntouched_AndTheRunPartial()
    {
        await using var night = await Night.StartAsync(azurite);
        var good = await night.RunAsync();

        night.Fake.FailingWorkload = "bravo";
        var partial = await night.RunAsync();
        var rows = await night.StoredRowsAsync();

        Assert.Equal(JobStatus.Partial, partial.Run.Status);
        Assert.Equal(2, partial.Run.WorkloadsOk);
        Assert.Equal(1, partial.Run.WorkloadsFailed);
        var error = Assert.Single(partial.Run.Errors);
        Assert.StartsWith("bravo: ", error, StringComparison.Ordinal);
        Assert.Contains("Source 'prom'", error, StringComparison.Ordinal);
        // The fleet's vLLM query was refused, halved until bravo's selector stood alone: only bravo failed.
        Assert.Contains("HTTP 422", error, StringComparison.Ordinal);
        Assert.Equal(good.Run.RunId, rows.Single(r => r.PartitionKey == "bravo").GetString("RunId"));
        Assert.All(rows.Where(r => r.PartitionKey != "bravo"), r => Assert.Equal(partial.Run.RunId, r.GetString("RunId")));
        var stored = Assert.Single(await night.RunsAsync(), r => r.RunId == partial.Run.RunId);
        Assert.Equal(JobStatus.Partial, stored.Status);
        Assert.Equal(partial.Run.Errors, stored.Errors);
    }

    [Fact]
    public async Task IncompleteTelemetry_IsStoredWithItsCompleteness_AndTheUnknownFiguresAbsent()
    {
        await using var night = await Night.StartAsync(azurite);

        var report = await night.RunAsync();
        var charlie = (await night.StoredRowsAsync()).Single(r => r.PartitionKey == "charlie");

        Assert.Equal(JobStatus.Succeeded, report.Run.Status);
        // Hours 03-05 are missing from availability, vLLM and DCGM, and one of the two VMs has no cost row yet:
        // the worst source (cost, 1 of 2 rows) sets the day's completeness.
        Assert.Equal(0.5d, charlie.GetDouble("Completeness"));
        Assert.Contains("fleet 45/48", charlie.GetString("CompletenessDetail"), StringComparison.Ordinal);
        Assert.Contains("selfHostedUsage 63/72", charlie.GetString("CompletenessDetail"), StringComparison.Ordinal);
        Assert.Contains("gpuCost 1/2", charlie.GetString("CompletenessDetail"), StringComparison.Ordinal);
        // Neither actual cost nor a list price: the cost and everything built on it are unknown, so absent, not zero.
        Assert.Equal("unknown", charlie.GetString("CostBasis"));
        Assert.False(charlie.ContainsKey("GpuCostUsd"));
        Assert.False(charlie.ContainsKey("SelfHostedCostUsd"));
        Assert.False(charlie.ContainsKey("SavingsUsd"));
        // What did arrive is kept, marked partial by the completeness above.
        Assert.Equal(45d, charlie.GetDouble("GpuHours"));
        Assert.True(charlie.GetInt64("Requests") > 0);
    }

    [Fact]
    public async Task TheRunsRow_RecordsEveryUpstreamRequest_AndTheNightNeedsNoMoreThanTheAPIsMinimum()
    {
        await using var night = await Night.StartAsync(azurite);

        var report = await night.RunAsync();
        var stored = Assert.Single(await night.RunsAsync());
        var requests = night.Fake.Server.Requests;

        Assert.Equal(report.Run.RunId, stored.RunId);
        Assert.Equal(requests.Count, stored.UpstreamCalls);
        // One query per metric for every workload (3 vLLM counters + DCGM); every VM of every workload in one metrics
        // batch; the cost query in the two pages the fake serves; nothing per workload or VM.
        Assert.Equal(4, requests.Count(r => r.PathAndQuery.StartsWith("/api/v1/query_range", StringComparison.Ordinal)));
        Assert.Equal(1, requests.Count(r => r.PathAndQuery.Contains("/metrics:getBatch", StringComparison.Ordinal)));
        Assert.Equal(2, requests.Count(r => r.PathAndQuery.Contains("/Microsoft.CostManagement/query", StringComparison.Ordinal)));
        Assert.Equal(7, requests.Count);
        Assert.All(requests, r => Assert.Equal("Bearer loopback-token", r.Header("Authorization")));
    }

    /// <summary>One composed CostOps (own tables, own catalog) wired to one fake, for one test.</summary>
    private sealed class Night : IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private readonly string _catalogPath;

        private Night(FakeSources fake, ServiceProvider services, string catalogPath)
        {
            Fake = fake;
            _services = services;
            _catalogPath = catalogPath;
        }

        public FakeSources Fake { get; }

        public static async Task<Night> StartAsync(AzuriteFixture azurite)
        {
            var fake = await FakeSources.StartAsync();
            var catalogPath = Path.Combine(Path.GetTempPath(), $"costops-nightly-{Guid.NewGuid():N}.json");
            await File.WriteAllTextAsync(catalogPath, Catalog());
            var endpoint = fake.Server.BaseUri.AbsoluteUri.TrimEnd('/');
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["CostOps:Storage:ConnectionString"] = azurite.ConnectionString,
                ["CostOps:Storage:TablePrefix"] = "n" + Guid.NewGuid().ToString("N")[..12],
                ["CostOps:Catalog:Path"] = catalogPath,
                // One retry, a millisecond apart: failures stay persistent without slowing the test.
                ["CostOps:Telemetry:Retry:MaxRetries"] = "1",
                ["CostOps:Telemetry:Retry:InitialDelay"] = "00:00:00.001",
                ["CostOps:Telemetry:Retry:MaxDelay"] = "00:00:00.010",
            })
                .AddInMemoryCollection(LoopbackFleetSources.Settings(endpoint, MetricsPayload.Subscription, TimeSpan.FromHours(1)))
                .Build();

            var services = new ServiceCollection();
            // The product's telemetry HttpClient (and its call-counting handler) stays; only the socket handler
            // underneath learns to trust the fake's certificate.
            services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(fake.Server.CreateTrustingHandler));
            services.AddCostOps(configuration);
            services.AddSingleton(AzureCredentials.ForEveryPurpose(new FixedTokenCredential("loopback-token")));
            var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
            await provider.GetRequiredService<CostOpsTables>().EnsureCreatedAsync();
            return new Night(fake, provider, catalogPath);
        }

        public Task<TcoRunReport> RunAsync() =>
            _services.GetRequiredService<TcoRecalculation>().RunAsync(new TcoRunRequest(null, DayRange.OneDay(Fake.Day), "test"));

        /// <summary>The raw DailyTco entities of the night, by workload: absent properties stay absent here.</summary>
        public async Task<IReadOnlyList<TableEntity>> StoredRowsAsync()
        {
            var rows = new List<TableEntity>();
            await foreach (var entity in _services.GetRequiredService<CostOpsTables>().DailyTco.QueryAsync<TableEntity>())
            {
                rows.Add(entity);
            }
            return [.. rows.OrderBy(r => r.PartitionKey, StringComparer.Ordinal).ThenBy(r => r.RowKey, StringComparer.Ordinal)];
        }

        public async Task<IReadOnlyList<RunRecord>> RunsAsync() =>
            await _services.GetRequiredService<IRunStore>().ListAsync(NightlyTcoJob.Name, 10);

        public async ValueTask DisposeAsync()
        {
            await _services.DisposeAsync();
            await Fake.DisposeAsync();
            File.Delete(_catalogPath);
        }

        private static string Catalog()
        {
            var workloads = new JsonArray();
            foreach (var (id, vms) in FakeSources.Fleet)
            {
                var selfHosted = new JsonObject
                {
                    ["resources"] = new JsonArray([.. vms.Select(v => JsonValue.Create(v))]),
                    ["instances"] = new JsonObject { ["min"] = 2, ["max"] = 2 },
                    ["tokensPerSecondPerInstance"] = 3000,
                };
                // charlie has no list price, so a missing cost row cannot be estimated away.
                if (id != "charlie")
                {
                    selfHosted["gpuHourly"] = 4.0;
                }
                workloads.Add(new JsonObject
                {
                    ["id"] = id,
                    ["goLive"] = "2025-01-01",
                    ["selfHosted"] = selfHosted,
                    ["api"] = new JsonObject { ["inputPerMTok"] = 2.5, ["outputPerMTok"] = 10 },
                    ["recurringMonthly"] = new JsonObject { ["monitoring"] = 100 },
                    ["telemetry"] = LoopbackFleetSources.CatalogTelemetry(id),
                });
            }
            return new JsonObject { ["workloads"] = workloads }.ToJsonString();
        }
    }

    /// <summary>
    /// Answers like the real APIs, for yesterday's night: two GPU VMs per workload, hourly samples, $4 per VM-hour.
    /// charlie's telemetry lacks hours 03-05 of the day (availability of its first VM, vLLM, DCGM) and its second VM
    /// has no cost row for the day yet. <see cref="FailingWorkload"/> makes Prometheus refuse (HTTP 422) any vLLM query
    /// that selects that workload, as a server refuses a selector it cannot run.
    /// </summary>
    private sealed partial class FakeSources : IAsyncDisposable
    {
        public static readonly IReadOnlyList<(string Workload, string[] Vms)> Fleet =
        [
            ("alpha", [MetricsPayload.Vm("alpha-0"), MetricsPayload.Vm("alpha-1")]),
            ("bravo", [MetricsPayload.Vm("bravo-0"), MetricsPayload.Vm("bravo-1")]),
            ("charlie", [MetricsPayload.Vm("charlie-0"), MetricsPayload.Vm("charlie-1")]),
        ];

        private const int CostPageSize = 25;

        private FakeSources(DateOnly day) => Day = day;

        public DateOnly Day { get; }

        public LoopbackServer Server { get; private set; } = null!;

        /// <summary>Set between runs, read by the server's threads after the next request starts.</summary>
        public string? FailingWorkload { get; set; }

        [GeneratedRegex("^(?<metric>[^{]+)\\{(?<label>[a-z_]+)=~?\"(?<workloads>[^\"]+)\"\\}$")]
        private static partial Regex SelectorQuery();

        public static async Task<FakeSources> StartAsync()
        {
            var fake = new FakeSources(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1));
            fake.Server = await LoopbackServer.StartAsync(fake.HandleAsync);
            return fake;
        }

        public ValueTask DisposeAsync() => Server.DisposeAsync();

        private DateTimeOffset DayStart => new(Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        private bool InCharliesGap(DateTimeOffset at) => at >= DayStart.AddHours(3) && at < DayStart.AddHours(6);

        private async Task HandleAsync(HttpContext context)
        {
            var path = context.Request.Path.Value!;
            if (path.EndsWith("/api/v1/query_range", StringComparison.Ordinal))
            {
                await PrometheusAsync(context);
            }
            else if (path.EndsWith("/metrics:getBatch", StringComparison.Ordinal))
            {
                await MetricsBatchAsync(context);
            }
            else if (path.EndsWith("/providers/Microsoft.CostManagement/query", StringComparison.Ordinal))
            {
                await CostsAsync(context);
            }
            else if (path.EndsWith("/instanceView", StringComparison.Ordinal))
            {
                await LoopbackReplies.Json(context, Fixture.Text("Compute/instance-view-running.json"));
            }
            else
            {
                await LoopbackReplies.Json(context, """{"error":{"code":"NotFound","message":"not faked"}}""", 404);
            }
        }

        private async Task PrometheusAsync(HttpContext context)
        {
            var parameters = await PrometheusPayload.Parameters(context);
            var query = SelectorQuery().Match(parameters["query"]);
            if (!query.Success)
            {
                await LoopbackReplies.Json(context, """{"status":"error","errorType":"bad_data","error":"unexpected query"}""", 400);
                return;
            }
            var metric = query.Groups["metric"].Value;
            var label = query.Groups["label"].Value;
            var workloads = query.Groups["workloads"].Value.Split('|');
            if (FailingWorkload is { } failing && label == "model_name" && workloads.Contains(failing))
            {
                await LoopbackReplies.Json(context, """{"status":"error","errorType":"execution","error":"query refused"}""", 422);
                return;
            }
            var perHour = metric switch
            {
                "vllm:prompt_tokens_total" => 1000d,
                "vllm:generation_tokens_total" => 250d,
                "vllm:request_success_total" => 2d,
                _ => 0d,
            };
            var start = DateTimeOffset.FromUnixTimeSeconds(long.Parse(parameters["start"], CultureInfo.InvariantCulture));
            var end = DateTimeOffset.FromUnixTimeSeconds(long.Parse(parameters["end"], CultureInfo.InvariantCulture));
            var step = TimeSpan.FromSeconds(double.Parse(parameters["step"], CultureInfo.InvariantCulture));
            var series = Fleet.Where(f => workloads.Contains(f.Workload)).SelectMany(f => f.Vms.Select((vm, i) =>
            {
                var workload = f.Workload;
                var samples = new List<(DateTimeOffset, double?)>();
                for (var at = start; at <= end; at += step)
                {
                    if (workload == "charlie" && InCharliesGap(at))
                    {
                        continue;
                    }
                    // Counters climb steadily; the DCGM gauge sits at 60 %.
                    samples.Add((at, perHour > 0 ? perHour * (at - start).TotalHours : 60d));
                }
                var labels = new Dictionary<string, string> { ["__name__"] = metric, [label] = workload, ["instance"] = $"{workload}-{i}:8000" };
                return PrometheusPayload.Series(labels, samples);
            }));
            await LoopbackReplies.Json(context, PrometheusPayload.Matrix([.. series]));
        }

        private async Task MetricsBatchAsync(HttpContext context)
        {
            var start = DateTimeOffset.Parse(context.Request.Query["starttime"]!, CultureInfo.InvariantCulture);
            var end = DateTimeOffset.Parse(context.Request.Query["endtime"]!, CultureInfo.InvariantCulture);
            var ids = MetricsPayload.RequestedIds(await LoopbackReplies.Body(context));
            var items = ids.Select(id =>
            {
                var series = MetricsPayload.Hourly(Day, "average", _ => null);
                var data = new JsonArray();
                for (var hour = start; hour < end; hour = hour.AddHours(1))
                {
                    var point = new JsonObject { ["timeStamp"] = hour.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) };
                    if (!(id == Fleet[2].Vms[0] && InCharliesGap(hour)))
                    {
                        point["average"] = 1.0;
                    }
                    data.Add(point);
                }
                series["data"] = data;
                return (id, new[] { MetricsPayload.Metric(id, "VmAvailabilityMetric", series) });
            });
            await LoopbackReplies.Json(context, MetricsPayload.Batch([.. items]));
        }

        private async Task CostsAsync(HttpContext context)
        {
            var body = JsonNode.Parse(await LoopbackReplies.Body(context))!;
            var from = DateOnly.FromDateTime(body["timePeriod"]!["from"]!.GetValue<DateTimeOffset>().UtcDateTime);
            var to = DateOnly.FromDateTime(body["timePeriod"]!["to"]!.GetValue<DateTimeOffset>().UtcDateTime);
            var rows = new List<JsonArray>();
            for (var day = from; day <= to; day = day.AddDays(1))
            {
                foreach (var vm in Fleet.SelectMany(f => f.Vms))
                {
                    if (day == Day && vm == Fleet[2].Vms[1])
                    {
                        continue;
                    }
                    var usageDate = int.Parse(day.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                    rows.Add(new JsonArray(96.0, 96.0, usageDate, vm.ToLowerInvariant(), "USD"));
                }
            }
            var secondPage = context.Request.Query.ContainsKey("$skiptoken");
            var page = rows.Skip(secondPage ? CostPageSize : 0).Take(secondPage ? int.MaxValue : CostPageSize);
            var nextLink = secondPage || rows.Count <= CostPageSize
                ? null
                : $"{Server.BaseUri.AbsoluteUri.TrimEnd('/')}{context.Request.Path}?api-version=2023-11-01&$skiptoken=page2";
            var answer = new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    ["nextLink"] = nextLink,
                    ["columns"] = new JsonArray(
                        new JsonObject { ["name"] = "Cost", ["type"] = "Number" },
                        new JsonObject { ["name"] = "CostUSD", ["type"] = "Number" },
                        new JsonObject { ["name"] = "UsageDate", ["type"] = "Number" },
                        new JsonObject { ["name"] = "ResourceId", ["type"] = "String" },
                        new JsonObject { ["name"] = "Currency", ["type"] = "String" }),
                    ["rows"] = new JsonArray([.. page]),
                },
            };
            await LoopbackReplies.Json(context, answer.ToJsonString());
        }
    }
}
