using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Runtime;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using CostOps.Application.Jobs;
using CostOps.Application.Nightly;
using CostOps.Domain.Time;
using CostOps.FunctionsHost;
using CostOps.Infrastructure;
using CostOps.Infrastructure.Identity;
using CostOps.Infrastructure.Azurite;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport;
using CostOps.TestSupport.Nightly;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CostOps.Benchmarks;

/// <summary>
/// One synthetic night at scale through the real composition (<c>AddCostOps</c>): by default 500 workloads on 2,000
/// GPU VMs (4 each, one subscription and region), telemetry from one HTTPS loopback fake (metrics batch for running
/// hours, managed Prometheus for vLLM and DCGM, Cost Management for amortized cost), tables on Azurite. Reports wall
/// time, CPU time, peak memory and the upstream requests by kind against the least the APIs' own rules allow; then
/// the Functions app's cold start through the host emulator (worker process start to the first 200 of
/// <c>GET /api/health</c>) over several runs.
/// </summary>
/// <remarks>
/// The fake runs in this process and shares its two cores and its heap; it answers from pre-rendered sample arrays so
/// that it costs as little as possible. Nothing is warmed up: a nightly run starts in a cold worker.
/// Usage: <c>nightly [--vms N] [--workloads N] [--step hh:mm:ss] [--cold-starts N]</c>; the step defaults to the
/// product's default (1 minute); the VMs are shared out evenly over the workloads.
/// </remarks>
internal static partial class NightlyBenchmark
{
    private const int DefaultWorkloads = 500;
    private const int DefaultVms = 2_000;
    private const int TrailingDays = 7;
    private const int CostPageSize = 5_000;
    private const int MetricsBatchSize = 50;
    // The APIs' own limits (see docs/telemetry-sources.md): points per series, samples and series per query.
    private const int MaxPointsPerPrometheusQuery = 11_000;
    private const long MaxSamplesPerPrometheusQuery = 50_000_000;
    private const int MaxSeriesPerPrometheusQuery = 500_000;
    private const string Subscription = "6f1c8a52-3b9e-4d7a-9c1e-2a5b7d9e0f13";
    private const string Token = "bench-token";

    private static readonly string[] s_vllmCounters = ["vllm:prompt_tokens_total", "vllm:generation_tokens_total", "vllm:request_success_total"];

    public static async Task<int> RunAsync(string[] args)
    {
        var step = Option(args, "--step") is { } stepText ? TimeSpan.Parse(stepText, CultureInfo.InvariantCulture) : TimeSpan.FromMinutes(1);
        var coldStarts = Option(args, "--cold-starts") is { } runs ? int.Parse(runs, CultureInfo.InvariantCulture) : 7;
        var workloads = Option(args, "--workloads") is { } w ? int.Parse(w, CultureInfo.InvariantCulture) : DefaultWorkloads;
        var vms = Option(args, "--vms") is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : DefaultVms;
        if (workloads < 1 || vms < workloads)
        {
            Console.Error.WriteLine("--workloads must be at least 1 and --vms at least --workloads");
            return 2;
        }

        var port = LoopbackPorts.Free();
        Console.WriteLine($"Starting Azurite (in memory) on 127.0.0.1:{port} ...");
        await using var azurite = await AzuriteLauncher.StartAsync(new AzuriteOptions { Port = port, ReuseRunning = false, StartTimeout = TimeSpan.FromMinutes(3) });
        using var tableRequests = new AzuriteRequestListener($"127.0.0.1:{port}/");

        var night = await RunNightAsync(azurite, step, tableRequests, workloads, vms);
        await ReportColdStartAsync(azurite, coldStarts, BuiltApp.Locate());
        return night ? 0 : 1;
    }

    /// <summary>
    /// <c>cold-start [--cold-starts N] [--app DIR]</c>: the worker's cold start alone, without the night before it; of
    /// the Release build, or of a published app (e.g. with and without ReadyToRun) when <c>--app</c> names its folder.
    /// </summary>
    public static async Task<int> RunColdStartAsync(string[] args)
    {
        var coldStarts = Option(args, "--cold-starts") is { } runs ? int.Parse(runs, CultureInfo.InvariantCulture) : 7;
        var app = Option(args, "--app") is { } folder ? Path.GetFullPath(folder) : BuiltApp.Locate();
        if (!File.Exists(Path.Combine(app, "functions.metadata")))
        {
            Console.Error.WriteLine($"--app: '{app}' holds no functions.metadata (publish the app there first, e.g. scripts/publish.sh --out DIR)");
            return 2;
        }
        var port = LoopbackPorts.Free();
        Console.WriteLine($"Starting Azurite (in memory) on 127.0.0.1:{port} ...");
        await using var azurite = await AzuriteLauncher.StartAsync(new AzuriteOptions { Port = port, ReuseRunning = false, StartTimeout = TimeSpan.FromMinutes(3) });
        await ReportColdStartAsync(azurite, coldStarts, app);
        return 0;
    }

    private static async Task ReportColdStartAsync(AzuriteLauncher azurite, int coldStarts, string app)
    {
        var coldStart = coldStarts > 0 ? await MeasureColdStartAsync(azurite, coldStarts, app) : [];
        if (coldStart.Count > 0)
        {
            var sorted = coldStart.Order().ToList();
            Console.WriteLine();
            Console.WriteLine($"worker cold start    {string.Join(", ", coldStart.Select(t => $"{t.TotalMilliseconds:F0}"))} ms");
            Console.WriteLine($"  median             {Median(sorted).TotalMilliseconds:F0} ms (min {sorted[0].TotalMilliseconds:F0}, max {sorted[^1].TotalMilliseconds:F0}; target < 500 ms)");
        }
    }

    private static async Task<bool> RunNightAsync(AzuriteLauncher azurite, TimeSpan step, AzuriteRequestListener tableRequests, int workloads, int vms)
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        // The VMs shared out evenly: the first (vms % workloads) workloads get one more.
        var fleet = Enumerable.Range(0, workloads)
            .Select(w => (Workload: $"w-{w:D4}", Vms: Enumerable.Range(0, (vms / workloads) + (w < vms % workloads ? 1 : 0)).Select(i => Vm($"w-{w:D4}-vm-{i}")).ToArray()))
            .ToList();
        await using var fake = await FleetFake.StartAsync(fleet);
        var catalogPath = Path.Combine(Path.GetTempPath(), $"costops-bench-catalog-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(catalogPath, Catalog(fleet));
        try
        {
            var endpoint = fake.Server.BaseUri.AbsoluteUri.TrimEnd('/');
            var settings = new Dictionary<string, string?>
            {
                ["CostOps:Storage:ConnectionString"] = azurite.ConnectionString,
                ["CostOps:Storage:TablePrefix"] = "bench" + Guid.NewGuid().ToString("N")[..8],
                ["CostOps:Catalog:Path"] = catalogPath,
            };
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(settings)
                .AddInMemoryCollection(LoopbackFleetSources.Settings(endpoint, Subscription, step))
                .Build();
            var services = new ServiceCollection();
            // The product's telemetry HttpClient, its retries and its call counter stay as shipped; only the socket
            // handler underneath trusts the fake's certificate.
            services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(fake.Server.CreateTrustingHandler));
            services.AddCostOps(configuration);
            services.AddSingleton(AzureCredentials.ForEveryPurpose(new FixedTokenCredential(Token)));
            await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
            var tables = provider.GetRequiredService<CostOpsTables>();
            await tables.EnsureCreatedAsync();
            var recalculation = provider.GetRequiredService<TcoRecalculation>();

            Console.WriteLine($"Night of {day:yyyy-MM-dd}: {workloads:N0} workloads, {vms:N0} VMs, trailing window {TrailingDays} days, Prometheus step {step:c}");
            Console.WriteLine($"GC: {(GCSettings.IsServerGC ? "server" : "workstation")}, {Environment.ProcessorCount} cores");
            var requestsBefore = fake.Server.Requests.Count;
            tableRequests.Reset();
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            long workingSetBefore;
            using (var self = Process.GetCurrentProcess())
            {
                workingSetBefore = self.WorkingSet64;
            }
            var heapBefore = GC.GetTotalMemory(false);
            var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var cpuBefore = ProcessCpu();
            using var memory = new MemorySampler();
            var clock = Stopwatch.StartNew();
            var report = await recalculation.RunAsync(new TcoRunRequest(null, DayRange.OneDay(day), "benchmark"));
            clock.Stop();
            var (peakHeap, peakWorkingSet) = memory.Stop();
            var cpu = ProcessCpu() - cpuBefore;
            var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
            var (transactions, otherTableRequests) = (tableRequests.Transactions, tableRequests.Others);
            var collections = (GC.CollectionCount(0) - gcBefore.Item1, GC.CollectionCount(1) - gcBefore.Item2, GC.CollectionCount(2) - gcBefore.Item3);

            var requests = fake.Server.Requests.Skip(requestsBefore).ToList();
            var stored = 0;
            await foreach (var _ in tables.DailyTco.QueryAsync<TableEntity>(select: ["RowKey"]))
            {
                stored++;
            }

            var run = report.Run;
            Console.WriteLine();
            Console.WriteLine($"run                  {run.Status}: {run.WorkloadsOk} ok, {run.WorkloadsFailed} failed, {run.RowsWritten} rows ({stored} stored)");
            foreach (var error in run.Errors.Take(5))
            {
                Console.WriteLine($"  error              {error}");
            }
            Console.WriteLine($"wall time            {clock.Elapsed.TotalSeconds:F1} s (target < 60 s)");
            Console.WriteLine($"CPU time             {cpu.TotalSeconds:F1} s (this process, fake included; load average {LoadAverage()})");
            Console.WriteLine($"peak working set     {peakWorkingSet / 1048576.0:F0} MB (process, fake included; {workingSetBefore / 1048576.0:F0} MB before the run; target < 300 MB)");
            Console.WriteLine($"peak GC heap         {peakHeap / 1048576.0:F0} MB (sampled every 20 ms; {heapBefore / 1048576.0:F0} MB before the run; {allocated / 1048576.0:N0} MB allocated during it)");
            Console.WriteLine($"collections          gen0 {collections.Item1}, gen1 {collections.Item2}, gen2 {collections.Item3}");
            Console.WriteLine();

            // The least each API's own rules allow, whatever the plan: metrics:getBatch takes 50 resources of one
            // subscription, region and type per call; a Prometheus range query answers every matching series, up to
            // 11,000 points per series, 50,000,000 samples and 500,000 series per query, so per metric it takes the
            // windows of whole days times the splits the answer's size forces; Cost Management answers one query per
            // scope and window in the pages it serves (the fake: 5,000 rows); a table transaction takes 100 entities of
            // one partition.
            var pointsPerDay = (int)(TimeSpan.FromDays(1).Ticks / step.Ticks);
            var daysPerQuery = Math.Max(1, (MaxPointsPerPrometheusQuery - 1) / pointsPerDay);
            var windows = (int)Math.Ceiling(TrailingDays / (double)daysPerQuery);
            var pointsPerSeries = ((long)Math.Min(TrailingDays, daysPerQuery) * pointsPerDay) + 1;
            var seriesPerMetric = (long)vms;
            var splits = Math.Max(
                (int)Math.Ceiling(seriesPerMetric * pointsPerSeries / (double)MaxSamplesPerPrometheusQuery),
                (int)Math.Ceiling(seriesPerMetric / (double)MaxSeriesPerPrometheusQuery));
            var prometheusMinimum = (s_vllmCounters.Length + 1) * windows * Math.Max(1, splits);
            var rowsPerPartition = report.Rows.GroupBy(r => r.WorkloadId).Select(g => g.Count()).ToList();
            var kinds = new (string Kind, int Actual, int Minimum)[]
            {
                ("metrics:getBatch", Count(requests, "/metrics:getBatch"), (vms + MetricsBatchSize - 1) / MetricsBatchSize),
                ("Prometheus query_range", Count(requests, "/api/v1/query_range"), prometheusMinimum),
                ("Cost Management pages", Count(requests, "/Microsoft.CostManagement/query"), (fake.CostRows + CostPageSize - 1) / CostPageSize),
                ("other telemetry (ARM)", requests.Count - Count(requests, "/metrics:getBatch") - Count(requests, "/api/v1/query_range") - Count(requests, "/Microsoft.CostManagement/query"), 0),
                ("DailyTco transactions", transactions, rowsPerPartition.Sum(rows => (rows + 99) / 100)),
                // The Running row before any work, the look for abandoned runs of the job, and the finished row.
                ("Runs row and check", otherTableRequests, 3),
            };
            Console.WriteLine($"Prometheus answers     {fake.PrometheusBytes / 1048576.0:N0} MB in {fake.PrometheusSeries:N0} series ({seriesPerMetric:N0} per metric, {pointsPerSeries:N0} points each)");
            Console.WriteLine($"{"requests",-24}{"actual",8}{"minimum",9}{"ratio",8}");
            foreach (var (kind, actual, minimum) in kinds)
            {
                Console.WriteLine($"{kind,-24}{actual,8:N0}{minimum,9:N0}{Ratio(actual, minimum),8}");
            }
            var totalActual = kinds.Sum(k => k.Actual);
            var totalMinimum = kinds.Sum(k => k.Minimum);
            Console.WriteLine($"{"total",-24}{totalActual,8:N0}{totalMinimum,9:N0}{Ratio(totalActual, totalMinimum),8} (target 1.00)");
            Console.WriteLine($"Runs.UpstreamCalls      {run.UpstreamCalls,8:N0} (telemetry requests the fake received: {requests.Count:N0})");
            if (requests.Any(r => r.Header("Authorization") != $"Bearer {Token}"))
            {
                Console.WriteLine("warning: some telemetry requests carried no bearer token");
            }
            return run.Status == JobStatus.Succeeded && stored == workloads;
        }
        finally
        {
            File.Delete(catalogPath);
        }
    }

    private static async Task<List<TimeSpan>> MeasureColdStartAsync(AzuriteLauncher azurite, int runs, string app)
    {
        Console.WriteLine();
        Console.WriteLine($"Cold start of the Functions app's worker through the host emulator ({app}) ...");
        var catalogPath = Path.Combine(Path.GetTempPath(), $"costops-bench-empty-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(catalogPath, """{ "workloads": [] }""");
        var times = new List<TimeSpan>();
        try
        {
            for (var i = 0; i < runs; i++)
            {
                var environment = new Dictionary<string, string>
                {
                    ["CostOps__Storage__ConnectionString"] = azurite.ConnectionString,
                    ["CostOps__Storage__TablePrefix"] = "cold" + Guid.NewGuid().ToString("N")[..8],
                    ["CostOps__Catalog__Path"] = catalogPath,
                };
                var (toHealthy, toLoaded) = await WorkerColdStart.MeasureAsync(app, environment);
                Console.WriteLine($"  run {i + 1}: {toHealthy.TotalMilliseconds:F0} ms to the first GET /api/health 200 ({toLoaded.TotalMilliseconds:F0} ms to all functions loaded)");
                times.Add(toHealthy);
            }
        }
        finally
        {
            File.Delete(catalogPath);
        }
        return times;
    }

    private static TimeSpan ProcessCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    // The machine is shared: the load average says how much of the wall time was spent waiting for a core.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static int Count(IEnumerable<RecordedRequest> requests, string pathPart) =>
        requests.Count(r => r.PathAndQuery.Contains(pathPart, StringComparison.Ordinal));

    private static string Ratio(int actual, int minimum) =>
        minimum == 0 ? (actual == 0 ? "-" : "inf") : ((double)actual / minimum).ToString("F2", CultureInfo.InvariantCulture);

    private static TimeSpan Median(IReadOnlyList<TimeSpan> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static string Vm(string name) =>
        $"/subscriptions/{Subscription}/resourceGroups/gpu-rg/providers/Microsoft.Compute/virtualMachines/{name}";

    private static string Catalog(IEnumerable<(string Workload, string[] Vms)> fleet)
    {
        var workloads = new JsonArray();
        foreach (var (id, vms) in fleet)
        {
            workloads.Add(new JsonObject
            {
                ["id"] = id,
                ["goLive"] = "2026-01-01",
                ["selfHosted"] = new JsonObject
                {
                    ["resources"] = new JsonArray([.. vms.Select(v => JsonValue.Create(v))]),
                    ["region"] = "eastus",
                    ["gpuHourly"] = 3.67,
                    ["instances"] = new JsonObject { ["min"] = vms.Length, ["max"] = vms.Length },
                    ["tokensPerSecondPerInstance"] = 2500,
                },
                ["api"] = new JsonObject { ["inputPerMTok"] = 2.5, ["outputPerMTok"] = 10 },
                ["recurringMonthly"] = new JsonObject { ["monitoring"] = 100, ["engineering"] = 400 },
                ["telemetry"] = LoopbackFleetSources.CatalogTelemetry(id),
            });
        }
        return new JsonObject { ["workloads"] = workloads }.ToJsonString();
    }

    [GeneratedRegex("^(?<metric>[^{]+)\\{[a-z_]+=~?\"(?<workloads>[^\"]+)\"\\}$")]
    private static partial Regex SelectorQuery();

    /// <summary>
    /// The upstream APIs of a healthy fleet: every VM available every hour, each vLLM counter climbing steadily per
    /// VM, DCGM at 55 %, a cost row per VM and day. Sample arrays are rendered once per window and reused, so the
    /// fake adds little to the figures of the process it shares.
    /// </summary>
    private sealed class FleetFake : IAsyncDisposable
    {
        private static readonly byte[] s_matrixStart = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["u8.ToArray();
        private static readonly byte[] s_matrixEnd = "]}}"u8.ToArray();
        private static readonly byte[] s_seriesEnd = "}"u8.ToArray();

        private readonly Dictionary<string, string[]> _vmsByWorkload;
        private readonly List<string> _allVms;
        private readonly ConcurrentDictionary<(string Metric, long Start, long End, long Step, int Series), byte[]> _samples = new();
        private readonly ConcurrentDictionary<(DateTimeOffset Start, DateTimeOffset End), byte[]> _availability = new();
        private int _costRows;
        private long _prometheusBytes;
        private long _prometheusSeries;

        private FleetFake(IReadOnlyList<(string Workload, string[] Vms)> fleet)
        {
            _vmsByWorkload = fleet.ToDictionary(f => f.Workload, f => f.Vms, StringComparer.Ordinal);
            _allVms = [.. fleet.SelectMany(f => f.Vms)];
        }

        public LoopbackServer Server { get; private set; } = null!;

        /// <summary>Bytes of every Prometheus answer so far.</summary>
        public long PrometheusBytes => Interlocked.Read(ref _prometheusBytes);

        /// <summary>Series of every Prometheus answer so far.</summary>
        public long PrometheusSeries => Interlocked.Read(ref _prometheusSeries);

        /// <summary>Rows of the last cost query (all its pages).</summary>
        public int CostRows => Volatile.Read(ref _costRows);

        public static async Task<FleetFake> StartAsync(IReadOnlyList<(string Workload, string[] Vms)> fleet)
        {
            var fake = new FleetFake(fleet);
            fake.Server = await LoopbackServer.StartAsync(fake.HandleAsync);
            return fake;
        }

        public ValueTask DisposeAsync() => Server.DisposeAsync();

        private Task HandleAsync(HttpContext context)
        {
            var path = context.Request.Path.Value!;
            if (path.EndsWith("/api/v1/query_range", StringComparison.Ordinal))
            {
                return PrometheusAsync(context);
            }
            if (path.EndsWith("/metrics:getBatch", StringComparison.Ordinal))
            {
                return MetricsBatchAsync(context);
            }
            if (path.EndsWith("/providers/Microsoft.CostManagement/query", StringComparison.Ordinal))
            {
                return CostsAsync(context);
            }
            if (path.EndsWith("/instanceView", StringComparison.Ordinal))
            {
                return WriteAsync(context, 200, """{"statuses":[{"code":"ProvisioningState/succeeded","level":"Info"},{"code":"PowerState/running","level":"Info"}]}"""u8.ToArray());
            }
            return WriteAsync(context, 404, """{"error":{"code":"NotFound","message":"not faked"}}"""u8.ToArray());
        }

        private async Task PrometheusAsync(HttpContext context)
        {
            var form = await context.Request.ReadFormAsync();
            var match = SelectorQuery().Match(form["query"].ToString());
            // One workload (model_name="w-0001") or a fleet (model_name=~"w-0001|w-0002|..."); the ids need no escaping.
            var workloads = match.Success ? match.Groups["workloads"].Value.Split('|') : [];
            if (workloads.Length == 0 || workloads.Any(w => !_vmsByWorkload.ContainsKey(w)))
            {
                await WriteAsync(context, 400, """{"status":"error","errorType":"bad_data","error":"unexpected query"}"""u8.ToArray());
                return;
            }
            var metric = match.Groups["metric"].Value;
            var start = long.Parse(form["start"].ToString(), CultureInfo.InvariantCulture);
            var end = long.Parse(form["end"].ToString(), CultureInfo.InvariantCulture);
            var step = (long)double.Parse(form["step"].ToString(), CultureInfo.InvariantCulture);
            var label = metric.StartsWith("vllm:", StringComparison.Ordinal) ? "model_name" : "costops_workload";

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            var body = context.Response.Body;
            long bytes = 0;
            var first = true;
            await body.WriteAsync(s_matrixStart);
            foreach (var workload in workloads)
            {
                var vms = _vmsByWorkload[workload];
                for (var i = 0; i < vms.Length; i++)
                {
                    var head = Encoding.UTF8.GetBytes($"{(first ? "" : ",")}{{\"metric\":{{\"__name__\":\"{metric}\",\"{label}\":\"{workload}\",\"instance\":\"{workload}-vm-{i}:8000\"}},\"values\":");
                    var samples = _samples.GetOrAdd((metric, start, end, step, i), key => Samples(key.Metric, key.Start, key.End, key.Step, key.Series));
                    await body.WriteAsync(head);
                    await body.WriteAsync(samples);
                    await body.WriteAsync(s_seriesEnd);
                    bytes += head.Length + samples.Length + 1;
                    first = false;
                }
                Interlocked.Add(ref _prometheusSeries, vms.Length);
            }
            await body.WriteAsync(s_matrixEnd);
            Interlocked.Add(ref _prometheusBytes, bytes + s_matrixStart.Length + s_matrixEnd.Length);
        }

        private static byte[] Samples(string metric, long start, long end, long step, int series)
        {
            // Per VM and hour: 120k prompt and 40k generation tokens over 150 requests; the GPU at 55 %.
            var perHour = metric switch
            {
                "vllm:prompt_tokens_total" => 120_000d,
                "vllm:generation_tokens_total" => 40_000d,
                "vllm:request_success_total" => 150d,
                _ => 0d,
            };
            var text = new StringBuilder("[");
            for (var at = start; at <= end; at += step)
            {
                var value = perHour > 0 ? Math.Round(perHour * (at - start) / 3600d * (1 + (series * 0.05))) : 55d;
                text.Append(at == start ? "" : ",").Append('[').Append(at).Append(",\"").Append(value.ToString(CultureInfo.InvariantCulture)).Append("\"]");
            }
            return Encoding.UTF8.GetBytes(text.Append(']').ToString());
        }

        private async Task MetricsBatchAsync(HttpContext context)
        {
            var start = DateTimeOffset.Parse(context.Request.Query["starttime"]!, CultureInfo.InvariantCulture);
            var end = DateTimeOffset.Parse(context.Request.Query["endtime"]!, CultureInfo.InvariantCulture);
            using var request = await JsonDocument.ParseAsync(context.Request.Body);
            var data = _availability.GetOrAdd((start, end), key => Availability(key.Start, key.End));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            var body = context.Response.Body;
            await body.WriteAsync("{\"values\":["u8.ToArray());
            var first = true;
            foreach (var id in request.RootElement.GetProperty("resourceids").EnumerateArray().Select(e => e.GetString()!))
            {
                var head = $"{(first ? "" : ",")}{{\"resourceid\":\"{id}\",\"interval\":\"PT1H\",\"namespace\":\"microsoft.compute/virtualmachines\",\"resourceregion\":\"eastus\",\"value\":[{{\"id\":\"{id}/providers/Microsoft.Insights/metrics/VmAvailabilityMetric\",\"type\":\"Microsoft.Insights/metrics\",\"name\":{{\"value\":\"VmAvailabilityMetric\",\"localizedValue\":\"VM Availability Metric (Preview)\"}},\"unit\":\"Count\",\"timeseries\":[{{\"metadatavalues\":[],\"data\":";
                await body.WriteAsync(Encoding.UTF8.GetBytes(head));
                await body.WriteAsync(data);
                await body.WriteAsync("}],\"errorCode\":\"Success\"}]}"u8.ToArray());
                first = false;
            }
            await body.WriteAsync("]}"u8.ToArray());
        }

        private static byte[] Availability(DateTimeOffset start, DateTimeOffset end)
        {
            var text = new StringBuilder("[");
            for (var hour = start; hour < end; hour = hour.AddHours(1))
            {
                text.Append(hour == start ? "" : ",").Append("{\"timeStamp\":\"").Append(hour.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append("\",\"average\":1.0}");
            }
            return Encoding.UTF8.GetBytes(text.Append(']').ToString());
        }

        private async Task CostsAsync(HttpContext context)
        {
            using var request = await JsonDocument.ParseAsync(context.Request.Body);
            var period = request.RootElement.GetProperty("timePeriod");
            var from = DateOnly.FromDateTime(period.GetProperty("from").GetDateTimeOffset().UtcDateTime);
            var to = DateOnly.FromDateTime(period.GetProperty("to").GetDateTimeOffset().UtcDateTime);
            var days = to.DayNumber - from.DayNumber + 1;
            var total = days * _allVms.Count;
            Volatile.Write(ref _costRows, total);
            var offset = int.TryParse(context.Request.Query["$skiptoken"].ToString(), CultureInfo.InvariantCulture, out var skip) ? skip : 0;
            var last = Math.Min(total, offset + CostPageSize);

            var buffer = new ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("id", $"subscriptions/{Subscription}/providers/Microsoft.CostManagement/query/bench");
                json.WriteStartObject("properties");
                if (last < total)
                {
                    json.WriteString("nextLink", $"{Server.BaseUri.AbsoluteUri.TrimEnd('/')}{context.Request.Path}?api-version=2023-11-01&$skiptoken={last}");
                }
                else
                {
                    json.WriteNull("nextLink");
                }
                json.WriteStartArray("columns");
                foreach (var (name, type) in new[] { ("Cost", "Number"), ("CostUSD", "Number"), ("UsageDate", "Number"), ("ResourceId", "String"), ("Currency", "String") })
                {
                    json.WriteStartObject();
                    json.WriteString("name", name);
                    json.WriteString("type", type);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteStartArray("rows");
                for (var row = offset; row < last; row++)
                {
                    var day = from.AddDays(row / _allVms.Count);
                    var vm = row % _allVms.Count;
                    var cost = Math.Round(3.67 * 24 * (1 + (vm % 7 * 0.01)), 4);
                    json.WriteStartArray();
                    json.WriteNumberValue(cost);
                    json.WriteNumberValue(cost);
                    json.WriteNumberValue((day.Year * 10_000) + (day.Month * 100) + day.Day);
                    json.WriteStringValue(_allVms[vm].ToLowerInvariant());
                    json.WriteStringValue("USD");
                    json.WriteEndArray();
                }
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndObject();
            }
            await WriteAsync(context, 200, buffer.WrittenMemory);
        }

        private static async Task WriteAsync(HttpContext context, int status, ReadOnlyMemory<byte> json)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(json);
        }
    }

    /// <summary>
    /// Counts the requests Azure.Core pipelines send to Azurite, from the <c>Azure-Core</c> event source's
    /// <c>Request</c> events, so the product's own table client is measured as composed.
    /// </summary>
    private sealed class AzuriteRequestListener : EventListener
    {
        private readonly string _authority;
        private int _transactions;
        private int _others;

        public AzuriteRequestListener(string authority) => _authority = authority;

        public int Transactions => Volatile.Read(ref _transactions);

        public int Others => Volatile.Read(ref _others);

        public void Reset()
        {
            Volatile.Write(ref _transactions, 0);
            Volatile.Write(ref _others, 0);
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Azure-Core")
            {
                EnableEvents(eventSource, EventLevel.Informational);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            // Events can arrive while the base constructor runs, before _authority is set.
            if (eventData.EventName != "Request" || eventData.PayloadNames is null || eventData.Payload is null || _authority is null)
            {
                return;
            }
            var uri = eventData.Payload[eventData.PayloadNames.IndexOf("uri")] as string ?? "";
            if (!uri.Contains(_authority, StringComparison.Ordinal))
            {
                return;
            }
            if (uri.Contains("/$batch", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _transactions);
            }
            else
            {
                Interlocked.Increment(ref _others);
            }
        }
    }

    /// <summary>Samples the GC heap and the process's working set until stopped; reports the peaks.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private long _peakHeap;

        public MemorySampler() => _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
            do
            {
                _peakHeap = Math.Max(_peakHeap, GC.GetTotalMemory(false));
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        });

        public (long PeakHeap, long PeakWorkingSet) Stop()
        {
            _stop.Cancel();
            try
            {
                _loop.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                // The loop ends by cancellation.
            }
            using var process = Process.GetCurrentProcess();
            return (Math.Max(_peakHeap, GC.GetTotalMemory(false)), process.PeakWorkingSet64);
        }

        public void Dispose() => _stop.Dispose();
    }
}
