using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using CostOps.Infrastructure.Azurite;
using CostOps.Infrastructure.TableStorage;
using CostOps.TestSupport;

namespace CostOps.Benchmarks;

/// <summary>
/// Writes 10,000 DailyTco-shaped rows (100 workloads × 100 days, 26 properties) to a real Azurite
/// through <see cref="TableBatchWriter"/> on Azure.Data.Tables, with the product's client options, and reports throughput and how close the number of HTTP
/// requests comes to the minimum (one per 100 rows of each partition).
/// </summary>
internal static class TableWriteBenchmark
{
    private const int Workloads = 100;
    private const int Days = 100;

    public static async Task<int> RunAsync()
    {
        var port = LoopbackPorts.Free();
        Console.WriteLine($"Starting Azurite (in memory) on 127.0.0.1:{port} ...");
        await using var azurite = await AzuriteLauncher.StartAsync(new AzuriteOptions { Port = port, ReuseRunning = false });

        var counter = new RequestCounter();
        var options = TableStorageClients.CreateOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        var service = new TableServiceClient(azurite.ConnectionString, options);

        // Warm-up: JIT, connection pool and Azurite's first-table costs stay out of the figures.
        var warmUp = service.GetTableClient("DailyTcoWarmUp");
        await warmUp.CreateIfNotExistsAsync();
        await new TableBatchWriter(warmUp).UpsertAsync(Rows(workloads: 4, days: 100));

        var table = service.GetTableClient("DailyTco");
        await table.CreateIfNotExistsAsync();
        var rows = Rows(Workloads, Days).ToList();
        var minimum = rows.GroupBy(r => r.PartitionKey).Sum(g => (g.Count() + 99) / 100);

        var before = counter.Count;
        var stopwatch = Stopwatch.StartNew();
        var result = await new TableBatchWriter(table).UpsertAsync(rows);
        stopwatch.Stop();
        var httpRequests = counter.Count - before;

        var stored = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["RowKey"]))
        {
            stored++;
        }

        Console.WriteLine($"rows written        {result.Entities:N0} ({stored:N0} read back)");
        Console.WriteLine($"properties per row  {rows[0].Keys.Count(k => k is not ("PartitionKey" or "RowKey"))}");
        Console.WriteLine($"elapsed             {stopwatch.Elapsed.TotalSeconds:F2} s");
        Console.WriteLine($"rows/s              {result.Entities / stopwatch.Elapsed.TotalSeconds:N0}");
        Console.WriteLine($"HTTP requests sent  {httpRequests} (transactions {result.Requests})");
        Console.WriteLine($"minimum possible    {minimum}");
        Console.WriteLine($"ratio               {(double)httpRequests / minimum:F2} (target 1.00)");
        return stored == rows.Count ? 0 : 1;
    }

    private static IEnumerable<TableEntity> Rows(int workloads, int days)
    {
        var firstDay = new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);
        var runId = Guid.NewGuid().ToString("N");
        for (var w = 0; w < workloads; w++)
        {
            var workload = $"workload-{w:D3}";
            for (var d = 0; d < days; d++)
            {
                var day = firstDay.AddDays(d);
                var tokens = 1_000_000L * (w + 1) + (d * 7_919L);
                var gpuHours = 24.0 * ((w % 4) + 1);
                var apiCost = tokens / 1_000_000.0 * 2.5;
                var selfHostCost = gpuHours * 3.67;
                yield return new TableEntity(workload, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                {
                    ["Day"] = day,
                    ["ApiInputTokens"] = tokens,
                    ["ApiOutputTokens"] = tokens / 4,
                    ["SelfHostedPromptTokens"] = tokens * 2,
                    ["SelfHostedGenerationTokens"] = tokens / 2,
                    ["Requests"] = tokens / 800,
                    ["GpuCount"] = (w % 4) + 1,
                    ["GpuHours"] = gpuHours,
                    ["GpuUtilization"] = 0.35 + ((d % 50) / 100.0),
                    ["ApiCostUsd"] = apiCost,
                    ["GpuCostUsd"] = selfHostCost,
                    ["AmortizedFineTuneUsd"] = 41.10,
                    ["StorageUsd"] = 1.25,
                    ["EgressUsd"] = 0.40,
                    ["OpsUsd"] = 12.0,
                    ["SelfHostTotalUsd"] = selfHostCost + 54.75,
                    ["SavingsUsd"] = apiCost - (selfHostCost + 54.75),
                    ["BreakEvenTokensPerDay"] = (selfHostCost + 54.75) / 2.5 * 1_000_000.0,
                    ["Completeness"] = 1.0,
                    ["CostBasis"] = "amortized",
                    ["Currency"] = "USD",
                    ["Region"] = "eastus2",
                    ["VmSku"] = "Standard_NC24ads_A100_v4",
                    ["ModelDeployment"] = $"ft-llama-{w % 7}",
                    ["CalcVersion"] = "1.0.0",
                    ["RunId"] = runId,
                };
            }
        }
    }

    /// <summary>Counts every HTTP attempt, retries included, so the ratio is honest.</summary>
    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
    }
}
