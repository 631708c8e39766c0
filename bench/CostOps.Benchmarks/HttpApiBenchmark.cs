using System.Diagnostics;
using System.Globalization;
using System.Text;
using CostOps.Application.Results;
using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;
using CostOps.FunctionsHost;
using CostOps.Infrastructure.Azurite;
using Azure.Data.Tables;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport;

namespace CostOps.Benchmarks;

/// <summary>
/// Load on the Functions app's worker through the host emulator, which forwards each request the way the host does
/// (one gRPC invocation and one forwarded HTTP request per call): 64 concurrent connections on loopback, scenarios
/// interleaved in rounds of 2 s: <c>GET /api/version</c> (a function that does nothing: the ceiling of host, worker and
/// machine), <c>POST /api/breakeven</c> (the richest sample scenario) and <c>GET /api/tco/{id}</c> (30 stored rows from
/// Azurite). Prints requests/s and p50/p99 latency. The load generator and the emulator run in this process and share
/// the machine's cores with the worker: compare the rows with each other, not with another machine.
/// </summary>
internal static class HttpApiBenchmark
{
    private const int Connections = 64;
    private static readonly TimeSpan s_warmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan s_round = TimeSpan.FromSeconds(2);
    private const int Rounds = 5;

    public static async Task<int> RunAsync()
    {
        var port = LoopbackPorts.Free();
        Console.WriteLine($"Starting Azurite (in memory) on 127.0.0.1:{port} ...");
        await using var azurite = await AzuriteLauncher.StartAsync(new AzuriteOptions { Port = port, ReuseRunning = false });

        var prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
        var catalog = Path.Combine(Path.GetTempPath(), $"costops-bench-catalog-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(catalog, Catalog);
        var environment = new Dictionary<string, string>
        {
            ["CostOps__Storage__ConnectionString"] = azurite.ConnectionString,
            ["CostOps__Storage__TablePrefix"] = prefix,
            ["CostOps__Catalog__Path"] = catalog,
            // Per-request hosting logs (Information) would measure the console, and fill the harness's stdout buffer.
            ["Logging__LogLevel__Default"] = "Warning",
        };
        // COSTOPS_BENCH_PERF=1: JIT symbols for `perf record -p <pid>` (the worker's pid is printed).
        if (Environment.GetEnvironmentVariable("COSTOPS_BENCH_PERF") == "1")
        {
            environment["DOTNET_PerfMapEnabled"] = "1";
            environment["DOTNET_EnableWriteXorExecute"] = "0";
        }
        Console.WriteLine($"Starting the worker ({BuiltApp.Locate()}) under the host emulator ...");
        await using var emulator = await FunctionsHostEmulator.StartAsync(new FunctionsHostOptions { AppDirectory = BuiltApp.Locate(), Environment = environment });
        Console.WriteLine($"Worker pid {emulator.ProcessId}; emulator front end {emulator.BaseAddress}");

        var tables = new CostOpsTables(new TableServiceClient(azurite.ConnectionString), CostOpsTableNames.WithPrefix(prefix));
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        await new TableDailyTcoStore(tables.DailyTco).UpsertAsync(
            Enumerable.Range(0, 30).Select(i => Row(yesterday.AddDays(-i))).ToList());

        var scenario = await File.ReadAllTextAsync(RepositoryRoot.Combine("samples", "scenarios", "support-triage-full.json"));
        var scenarioBytes = Encoding.UTF8.GetBytes(scenario);
        using var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
        })
        {
            BaseAddress = emulator.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

        var scenarios = new (string Name, Func<HttpRequestMessage> Request)[]
        {
            ("GET /api/version (ceiling)", () => new HttpRequestMessage(HttpMethod.Get, "/api/version")),
            ("POST /api/breakeven", () => new HttpRequestMessage(HttpMethod.Post, "/api/breakeven")
            {
                Content = new ByteArrayContent(scenarioBytes) { Headers = { ContentType = new("application/json") } },
            }),
            ("GET /api/tco/{id} (30 rows)", () => new HttpRequestMessage(HttpMethod.Get, "/api/tco/bench")),
        };

        Console.WriteLine($"{Connections} connections; {s_warmUp.TotalSeconds:0} s warm-up each, then {Rounds} rounds of {s_round.TotalSeconds:0} s per scenario, interleaved; {Environment.ProcessorCount} cores shared by client and server");
        using var server = Process.GetProcessById(emulator.ProcessId);
        foreach (var (_, request) in scenarios)
        {
            await DriveAsync(client, request, s_warmUp);
        }
        // Round-robin, not one scenario after another: this machine's speed drifts over a minute (other
        // tenants, frequency), and the ratio to the ceiling should compare like with like.
        var totals = scenarios.Select(_ => new ScenarioTotals()).ToArray();
        for (var round = 1; round <= Rounds; round++)
        {
            for (var i = 0; i < scenarios.Length; i++)
            {
                server.Refresh();
                var serverBefore = server.TotalProcessorTime;
                var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var result = await DriveAsync(client, scenarios[i].Request, s_round);
                server.Refresh();
                totals[i].Add(result, server.TotalProcessorTime - serverBefore, Process.GetCurrentProcess().TotalProcessorTime - clientBefore);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  round {round}: {string.Join(", ", scenarios.Select((s, i) => $"{s.Name} {totals[i].LastRequestsPerSecond:N0} req/s"))}"));
        }

        Console.WriteLine();
        Console.WriteLine($"{"scenario",-30} {"requests",10} {"req/s",10} {"p50 ms",8} {"p99 ms",8} {"errors",7} {"of ceiling",11} {"rounds",11} {"worker CPU/req",15} {"client+host CPU/req",20}");
        var ceiling = totals[0];
        foreach (var (name, total) in scenarios.Select((s, i) => (s.Name, totals[i])))
        {
            var share = total.RequestsPerSecond / ceiling.RequestsPerSecond;
            var perRound = total.RoundRates.Zip(ceiling.RoundRates, (own, top) => own / top).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-30} {total.Requests,10:N0} {total.RequestsPerSecond,10:N0} {total.Percentile(0.50),8:F2} {total.Percentile(0.99),8:F2} {total.Errors,7} {share,11:P0} {perRound.Min(),5:P0}-{perRound.Max(),-5:P0} {total.ServerCpu.TotalMicroseconds / total.Requests,12:F0} us {total.ClientCpu.TotalMicroseconds / total.Requests,17:F0} us"));
        }
        server.Refresh();
        Console.WriteLine($"worker peak working set {server.PeakWorkingSet64 / (1024 * 1024)} MB");
        return totals.Any(t => t.Errors > 0) ? 1 : 0;
    }

    private sealed record LoadResult(IReadOnlyList<double> Latencies, int Errors, TimeSpan Elapsed);

    /// <summary>One scenario's rounds added up.</summary>
    private sealed class ScenarioTotals
    {
        private readonly List<double> _latencies = [];
        private TimeSpan _elapsed;

        public List<double> RoundRates { get; } = [];

        public int Requests => _latencies.Count;

        public int Errors { get; private set; }

        public TimeSpan ServerCpu { get; private set; }

        public TimeSpan ClientCpu { get; private set; }

        public double RequestsPerSecond => Requests / _elapsed.TotalSeconds;

        public double LastRequestsPerSecond => RoundRates[^1];

        public void Add(LoadResult result, TimeSpan serverCpu, TimeSpan clientCpu)
        {
            _latencies.AddRange(result.Latencies);
            _elapsed += result.Elapsed;
            Errors += result.Errors;
            ServerCpu += serverCpu;
            ClientCpu += clientCpu;
            RoundRates.Add(result.Latencies.Count / result.Elapsed.TotalSeconds);
        }

        public double Percentile(double share)
        {
            var sorted = _latencies.Order().ToArray();
            return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];
        }
    }

    private static async Task<LoadResult> DriveAsync(HttpClient client, Func<HttpRequestMessage> newRequest, TimeSpan duration)
    {
        var errors = 0;
        var latencies = new List<double>[Connections];
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Connections).Select(async worker =>
        {
            var own = latencies[worker] = new List<double>(capacity: 16_384);
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var request = newRequest();
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
                own.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }).ToList();
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        return new LoadResult(latencies.SelectMany(l => l).ToList(), errors, elapsed);
    }

    private static DailyTcoRecord Row(DateOnly day) => new(
        "bench",
        new DailyTco(day, 24m, new Money(156m), CostBasis.Estimated, new Money(100m), new Money(20m), new Money(50m), new Money(326m),
            10_000m, 9_000_000m, 2_500_000m, 1_000m, new Money(400m), new Money(40m), new Money(74m),
            250_000m, 334_583.33m, 1.3383m, false, false, 0.9m),
        61.5, PriceSource.PriceBook, null, "", DailyTcoRecord.CurrentCalcVersion, "bench", DateTimeOffset.UtcNow);

    private const string Catalog = """
        { "workloads": [ {
            "id": "bench", "goLive": "2026-01-01",
            "selfHosted": { "tagSelector": { "costops-workload": "bench" }, "gpuHourly": 6.5, "instances": { "min": 1, "max": 2 },
                            "tokensPerSecondPerInstance": 2500, "targetUtilization": 0.8 },
            "api": { "model": "gpt-5.4", "promptOverheadTokensPerRequest": 600 },
            "recurringMonthly": { "monitoring": 100, "evaluation": 200, "engineering": 1500 }
        } ] }
        """;
}
