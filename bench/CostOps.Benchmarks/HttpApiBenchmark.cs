using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CostOps.Application.Results;
using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;
using CostOps.Infrastructure.Azurite;
using CostOps.Infrastructure.TableStorage;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport;
using CostOps.TestSupport.Handler;

namespace CostOps.Benchmarks;

/// <summary>
/// Load on the published handler, as the Functions host would forward it: 64 concurrent connections on
/// loopback, each scenario for a bounded time and request count, against a bare <c>GET /</c> (the
/// ceiling of this process on this machine), <c>POST /api/breakeven</c> (the richest sample scenario)
/// and <c>GET /api/tco/{id}</c> (30 stored rows from Azurite). Prints requests/s and p50/p99 latency.
/// The load generator runs on the same machine and shares its cores: compare the rows with each other,
/// not with another machine.
/// </summary>
internal static class HttpApiBenchmark
{
    private const int Connections = 64;
    private static readonly TimeSpan s_warmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan s_duration = TimeSpan.FromSeconds(10);
    private const int MaxRequestsPerScenario = 2_000_000;

    public static async Task<int> RunAsync()
    {
        var port = FreeLoopbackPort();
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
        // COSTOPS_BENCH_PERF=1: JIT symbols for `perf record -p <pid>` (the handler's pid is printed).
        if (Environment.GetEnvironmentVariable("COSTOPS_BENCH_PERF") == "1")
        {
            environment["DOTNET_PerfMapEnabled"] = "1";
            environment["DOTNET_EnableWriteXorExecute"] = "0";
        }
        Console.WriteLine("Publishing and starting the handler ...");
        await using var handler = await HandlerProcess.StartAsync(environment);
        Console.WriteLine($"Handler pid {handler.ProcessId} on 127.0.0.1:{handler.Port}");

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
            BaseAddress = new Uri($"http://127.0.0.1:{handler.Port}/"),
            Timeout = TimeSpan.FromSeconds(30),
        };

        var scenarios = new (string Name, Func<HttpRequestMessage> Request)[]
        {
            ("GET / (ceiling)", () => new HttpRequestMessage(HttpMethod.Get, "/")),
            ("POST /api/breakeven", () => new HttpRequestMessage(HttpMethod.Post, "/api/breakeven")
            {
                Content = new ByteArrayContent(scenarioBytes) { Headers = { ContentType = new("application/json") } },
            }),
            ("GET /api/tco/{id} (30 rows)", () => new HttpRequestMessage(HttpMethod.Get, "/api/tco/bench")),
        };

        Console.WriteLine($"{Connections} connections, {s_warmUp.TotalSeconds:0} s warm-up + {s_duration.TotalSeconds:0} s per scenario, at most {MaxRequestsPerScenario:N0} requests; {Environment.ProcessorCount} cores shared by client and server");
        Console.WriteLine();
        Console.WriteLine($"{"scenario",-30} {"requests",10} {"req/s",10} {"p50 ms",8} {"p99 ms",8} {"errors",7} {"of ceiling",11} {"server CPU/req",15} {"client CPU/req",15}");
        using var server = Process.GetProcessById(handler.ProcessId);
        double? ceiling = null;
        var failed = false;
        foreach (var (name, request) in scenarios)
        {
            await DriveAsync(client, request, s_warmUp, int.MaxValue);
            server.Refresh();
            var serverBefore = server.TotalProcessorTime;
            var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var result = await DriveAsync(client, request, s_duration, MaxRequestsPerScenario);
            server.Refresh();
            var serverCpu = (server.TotalProcessorTime - serverBefore).TotalMicroseconds / result.Requests;
            var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - clientBefore).TotalMicroseconds / result.Requests;
            ceiling ??= result.RequestsPerSecond;
            failed |= result.Errors > 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-30} {result.Requests,10:N0} {result.RequestsPerSecond,10:N0} {result.P50,8:F2} {result.P99,8:F2} {result.Errors,7} {result.RequestsPerSecond / ceiling.Value,11:P0} {serverCpu,12:F0} us {clientCpu,12:F0} us"));
        }
        return failed ? 1 : 0;
    }

    private sealed record LoadResult(int Requests, int Errors, double RequestsPerSecond, double P50, double P99);

    private static async Task<LoadResult> DriveAsync(HttpClient client, Func<HttpRequestMessage> newRequest, TimeSpan duration, int maxRequests)
    {
        var remaining = maxRequests;
        var errors = 0;
        var latencies = new List<double>[Connections];
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Connections).Select(async worker =>
        {
            var own = latencies[worker] = new List<double>(capacity: 16_384);
            while (clock.Elapsed < duration && Interlocked.Decrement(ref remaining) >= 0)
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
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(all.Length, errors, all.Length / elapsed.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static double Percentile(double[] sorted, double share) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static DailyTcoRecord Row(DateOnly day) => new(
        "bench",
        new DailyTco(day, 24m, new Money(156m), CostBasis.Estimated, new Money(100m), new Money(20m), new Money(50m), new Money(326m),
            10_000m, 9_000_000m, 2_500_000m, 1_000m, new Money(400m), new Money(40m), new Money(74m),
            250_000m, 334_583.33m, 1.3383m, false, false, 0.9m),
        61.5, "price-book", null, "", DailyTcoRecord.CurrentCalcVersion, "bench", DateTimeOffset.UtcNow);

    private const string Catalog = """
        { "workloads": [ {
            "id": "bench", "goLive": "2026-01-01",
            "selfHosted": { "tagSelector": { "costops-workload": "bench" }, "gpuHourly": 6.5, "instances": { "min": 1, "max": 2 },
                            "tokensPerSecondPerInstance": 2500, "targetUtilization": 0.8 },
            "api": { "model": "gpt-5.4", "promptOverheadTokensPerRequest": 600 },
            "recurringMonthly": { "monitoring": 100, "evaluation": 200, "engineering": 1500 }
        } ] }
        """;

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
