using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CostOps.Application.Nightly;
using CostOps.Domain.Time;
using CostOps.FunctionsHost;
using CostOps.Infrastructure;
using CostOps.Infrastructure.Azurite;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CostOps.Benchmarks;

/// <summary>
/// An HTTP soak: a mixed load (what-if, what-if from a workload, TCO reads, workloads, health) on the worker through the
/// host emulator for <c>--minutes</c> (10), against Azurite holding the demo's 90 nights (backfilled here with the
/// product's own recalculation over the bundled exports). Prints per minute the requests and errors (which must be 0)
/// per endpoint with p50/p99 latency, and the worker's working set; the working set must stay flat (the last minute
/// within 10% of the second; the first is warm-up). Exit code 1 when either fails.
/// </summary>
internal static class SoakBenchmark
{
    private static readonly DateOnly s_lastDay = new(2026, 11, 15);

    public static async Task<int> RunAsync(string[] args)
    {
        var minutes = Option(args, "--minutes", 10);
        var connections = Option(args, "--connections", 16);
        var demo = RepositoryRoot.Combine("samples", "demo");
        var port = LoopbackPorts.Free();
        Console.WriteLine($"Starting Azurite (in memory) on 127.0.0.1:{port} ...");
        await using var azurite = await AzuriteLauncher.StartAsync(new AzuriteOptions { Port = port, ReuseRunning = false });
        var prefix = "soak" + Guid.NewGuid().ToString("N")[..8];
        var settings = DemoSettings(demo, azurite.ConnectionString, prefix);
        await SeedAsync(settings);

        var environment = settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        environment["Logging__LogLevel__Default"] = "Warning";
        environment["NightlyTcoSchedule"] = "0 30 1 * * *";
        environment["AutopilotSchedule"] = "0 30 2 * * *";
        environment["WeeklyDigestSchedule"] = "0 0 8 * * 1";
        await using var emulator = await FunctionsHostEmulator.StartAsync(new FunctionsHostOptions { AppDirectory = BuiltApp.Locate(), Environment = environment });
        using var worker = Process.GetProcessById(emulator.ProcessId);
        Console.WriteLine($"Worker pid {emulator.ProcessId}; {connections} connections for {minutes} min; {Environment.ProcessorCount} cores shared by load, emulator and worker");

        var scenario = Encoding.UTF8.GetBytes(await File.ReadAllTextAsync(RepositoryRoot.Combine("samples", "scenarios", "support-triage-full.json")));
        var fromWorkload = Encoding.UTF8.GetBytes($$$"""{"workloadId":"support-triage","asOf":"{{{s_lastDay:yyyy-MM-dd}}}","traffic":{"requestsPerMonth":250000}}""");
        var mix = new (string Name, int Weight, Func<HttpRequestMessage> Request)[]
        {
            ("POST /api/breakeven", 3, () => Post("/api/breakeven", scenario)),
            ("POST /api/breakeven {workloadId}", 1, () => Post("/api/breakeven", fromWorkload)),
            ("GET /api/tco/{id}", 3, () => new HttpRequestMessage(HttpMethod.Get, $"/api/tco/contract-extraction?from={s_lastDay.AddDays(-29):yyyy-MM-dd}&to={s_lastDay:yyyy-MM-dd}")),
            ("GET /api/workloads", 2, () => new HttpRequestMessage(HttpMethod.Get, "/api/workloads")),
            ("GET /api/health", 1, () => new HttpRequestMessage(HttpMethod.Get, "/api/health")),
        };
        var picks = mix.SelectMany((m, i) => Enumerable.Repeat(i, m.Weight)).ToArray();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseProxy = false })
        {
            BaseAddress = emulator.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

        var minute = new MinuteTotals(mix.Length);
        var clock = Stopwatch.StartNew();
        var end = TimeSpan.FromMinutes(minutes);
        var load = Enumerable.Range(0, connections).Select(async seed =>
        {
            var random = new Random(seed);
            while (clock.Elapsed < end)
            {
                var pick = picks[random.Next(picks.Length)];
                var started = Stopwatch.GetTimestamp();
                var ok = false;
                try
                {
                    using var request = mix[pick].Request();
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                    await response.Content.LoadIntoBufferAsync();
                    ok = response.IsSuccessStatusCode;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    ok = false;
                }
                Volatile.Read(ref minute).Add(pick, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ok);
            }
        }).ToList();

        var workingSets = new List<long>();
        var totalErrors = 0;
        long totalRequests = 0;
        Console.WriteLine($"{"min",3} {"endpoint",-34} {"requests",9} {"errors",7} {"p50 ms",8} {"p99 ms",8}");
        for (var m = 1; m <= minutes; m++)
        {
            var due = TimeSpan.FromMinutes(m) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }
            var done = Interlocked.Exchange(ref minute, new MinuteTotals(mix.Length));
            worker.Refresh();
            workingSets.Add(worker.WorkingSet64);
            for (var i = 0; i < mix.Length; i++)
            {
                var (count, errors, p50, p99) = done.Summary(i);
                totalErrors += errors;
                totalRequests += count;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m,3} {mix[i].Name,-34} {count,9:N0} {errors,7} {p50,8:F1} {p99,8:F1}"));
            }
            Console.WriteLine($"{m,3} worker working set {worker.WorkingSet64 / (1024 * 1024)} MB");
        }
        await Task.WhenAll(load);

        Console.WriteLine();
        Console.WriteLine($"requests {totalRequests:N0}, errors {totalErrors}");
        var flat = true;
        if (workingSets.Count >= 3)
        {
            var second = workingSets[1];
            var last = workingSets[^1];
            var change = (double)(last - second) / second;
            flat = Math.Abs(change) <= 0.10;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"working set: minute 2 {second / (1024 * 1024)} MB, last minute {last / (1024 * 1024)} MB ({change:+0.0%;-0.0%}): {(flat ? "flat" : "NOT flat (over 10%)")}"));
        }
        return totalErrors == 0 && flat ? 0 : 1;
    }

    /// <summary>The demo's catalog and exports (absolute paths) on this Azurite, under its own table prefix.</summary>
    private static Dictionary<string, string?> DemoSettings(string demo, string connectionString, string prefix)
    {
        var telemetry = Path.Combine(demo, "telemetry");
        return new Dictionary<string, string?>
        {
            ["CostOps:Storage:ConnectionString"] = connectionString,
            ["CostOps:Storage:TablePrefix"] = prefix,
            ["CostOps:Catalog:Path"] = Path.Combine(demo, "catalog.json"),
            ["CostOps:Sources:0:Name"] = "demo-prometheus",
            ["CostOps:Sources:0:Type"] = "files",
            ["CostOps:Sources:0:Format"] = "prometheusRange",
            ["CostOps:Sources:0:Path"] = Path.Combine(telemetry, "prometheus"),
            ["CostOps:Sources:0:Step"] = "01:00:00",
            ["CostOps:Sources:1:Name"] = "demo-costs",
            ["CostOps:Sources:1:Type"] = "files",
            ["CostOps:Sources:1:Format"] = "focusCost",
            ["CostOps:Sources:1:Path"] = Path.Combine(telemetry, "focus"),
            ["CostOps:Sources:2:Name"] = "demo-openai",
            ["CostOps:Sources:2:Type"] = "files",
            ["CostOps:Sources:2:Format"] = "openAiUsage",
            ["CostOps:Sources:2:Path"] = Path.Combine(telemetry, "openai"),
        };
    }

    /// <summary>The demo's 90 nights, computed by the product's recalculation (what <c>costops demo</c> stores).</summary>
    private static async Task SeedAsync(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddCostOps(configuration);
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<CostOpsTables>().EnsureCreatedAsync();
        var report = await provider.GetRequiredService<TcoRecalculation>().RunAsync(new TcoRunRequest(null, new DayRange(s_lastDay.AddDays(-89), s_lastDay), "demo"));
        Console.WriteLine($"Seeded the demo: {report.Run.Status}, {report.Run.RowsWritten} DailyTco rows");
    }

    private static HttpRequestMessage Post(string path, byte[] json) => new(HttpMethod.Post, path)
    {
        Content = new ByteArrayContent(json) { Headers = { ContentType = new("application/json") } },
    };

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : at >= 0 ? throw new ArgumentException($"{name} must be a whole number above 0 (was '{args.ElementAtOrDefault(at + 1)}')") : fallback;
    }

    /// <summary>One minute's latencies and errors per endpoint.</summary>
    private sealed class MinuteTotals(int endpoints)
    {
        private readonly ConcurrentBag<double>[] _latencies = [.. Enumerable.Range(0, endpoints).Select(_ => new ConcurrentBag<double>())];
        private readonly int[] _errors = new int[endpoints];

        public void Add(int endpoint, double milliseconds, bool ok)
        {
            _latencies[endpoint].Add(milliseconds);
            if (!ok)
            {
                Interlocked.Increment(ref _errors[endpoint]);
            }
        }

        public (int Count, int Errors, double P50, double P99) Summary(int endpoint)
        {
            var sorted = _latencies[endpoint].Order().ToArray();
            return (sorted.Length, _errors[endpoint], Percentile(sorted, 0.50), Percentile(sorted, 0.99));
        }

        private static double Percentile(double[] sorted, double share) =>
            sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
