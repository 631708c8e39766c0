using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using CostOps.Application.Jobs;
using CostOps.Application.Nightly;
using CostOps.Application.Nightly.FanOut;
using CostOps.Application.Results;
using CostOps.Domain.Time;
using CostOps.Functions.Tests.Worker;
using CostOps.FunctionsHost;
using CostOps.Infrastructure.Queues;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport;
using CostOps.TestSupport.Azurite;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace CostOps.Functions.Tests.FanOut;

/// <summary>
/// The fanned-out nightly through the real worker: the NightlyTco timer enqueues one message per shard on Azurite's
/// queue, and the host emulator delivers them to NightlyTcoShard as the host's queue listener does (real dequeue
/// counts, visible again after a failure, moved to the poison queue after host.json's maxDequeueCount).
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class NightlyFanOutTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    // The demo's data runs to 2026-11-15; the host fires the night of 2026-10-31.
    private static readonly DateTimeOffset s_firedAt = new(2026, 11, 1, 1, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly s_night = new(2026, 10, 31);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "costops-fanout-" + Guid.NewGuid().ToString("N")[..8]);
    private WorkerApp _app = null!;
    private Dictionary<string, string> _settings = null!;
    private QueueClient _queue = null!;
    private QueueClient _poison = null!;
    private string[] _workloads = [];

    public async Task InitializeAsync()
    {
        // Each demo workload reads its vLLM and DCGM series from a Prometheus source of its own, so each is a shard.
        var demo = RepositoryRoot.Combine("samples", "demo");
        var catalog = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(demo, "catalog.json")))!.AsObject();
        catalog.Remove("$schema");
        var workloads = catalog["workloads"]!.AsArray();
        _workloads = [.. workloads.Select(w => w!["id"]!.GetValue<string>())];
        _settings = AppSettings.For(azurite, catalog.ToJsonString());
        for (var i = 0; i < workloads.Count; i++)
        {
            var source = $"prom-{i + 1}";
            CopyFolder(Path.Combine(demo, "telemetry", "prometheus"), Path.Combine(_folder, source));
            workloads[i]!["telemetry"]!["selfHostedUsage"]!["source"] = source;
            workloads[i]!["telemetry"]!["gpuUtilization"]!["source"] = source;
            AddSource(i, source, "prometheusRange", Path.Combine(_folder, source), step: "01:00:00");
        }
        await File.WriteAllTextAsync(_settings["CostOps__Catalog__Path"], catalog.ToJsonString());
        AddSource(workloads.Count, "demo-costs", "focusCost", Path.Combine(demo, "telemetry", "focus"));
        AddSource(workloads.Count + 1, "demo-openai", "openAiUsage", Path.Combine(demo, "telemetry", "openai"));
        _settings["CostOps__Nightly__Mode"] = "FanOut";

        _queue = ShardQueueClients.Create(new StorageOptions { ConnectionString = azurite.ConnectionString }, NightlyOptions.ShardQueue);
        _poison = FunctionsHostEmulator.PoisonQueueOf(_queue);
        foreach (var queue in (QueueClient[])[_queue, _poison])
        {
            await queue.CreateIfNotExistsAsync();
            await queue.ClearMessagesAsync();
        }
        _app = await WorkerApp.StartAsync(_settings, new FakeTimeProvider(s_firedAt));
    }

    public async Task DisposeAsync()
    {
        _app.FlushLogTo(output);
        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ThreeShards_OneFailingTwiceThenSucceeding_OnePoisoned_EndPartialNamingIt_AndARerunCompletesTheNight()
    {
        var (good, flaky, doomed) = (_workloads[0], _workloads[1], _workloads[2]);
        Hide(flaky);
        Hide(doomed);

        var timer = await _app.Emulator.InvokeTimerAsync(NightlyTcoJob.Name, TimerPayload.Scheduled(s_firedAt.AddDays(-1), s_firedAt.AddDays(1)));
        Assert.True(timer.Status == InvocationStatus.Success, timer.ExceptionMessage);
        Assert.Contains(timer.Logs, l => l.Contains($"fanned out 3 shards for {s_night:yyyy-MM-dd}", StringComparison.Ordinal));

        var failures = new Dictionary<string, int>();
        var deliveries = new List<QueueDelivery>();
        while (await _app.Emulator.DeliverNextAsync(NightlyShardFunction(), _queue) is { } delivery)
        {
            deliveries.Add(delivery);
            var workload = ShardMessage.Parse(delivery.MessageText).WorkloadIds.Single();
            if (delivery.Outcome.Status != InvocationStatus.Success && (failures[workload] = failures.GetValueOrDefault(workload) + 1) == 2 && workload == flaky)
            {
                Show(flaky);
            }
        }

        var maxDeliveries = _app.Emulator.MaxDequeueCount;
        Assert.Equal(5, maxDeliveries);
        Assert.Equal(new Dictionary<string, int> { [flaky] = 2, [doomed] = maxDeliveries }, failures);
        Assert.Equal(1 + 3 + maxDeliveries, deliveries.Count);
        var poisoned = Assert.Single(deliveries, d => d.Poisoned);
        Assert.Equal(doomed, ShardMessage.Parse(poisoned.MessageText).WorkloadIds.Single());
        Assert.Contains($"failed on delivery 5 of 5 (recorded as failed; the message goes to the poison queue)", poisoned.Outcome.ExceptionMessage, StringComparison.Ordinal);
        Assert.Equal(1, (await _poison.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        var night = Assert.Single(await Runs().ListAsync(NightlyTcoJob.Name, 10));
        Assert.Equal((JobStatus.Partial, new ShardCounts(3, 2, 1)), (night.Status, night.Shards));
        var error = Assert.Single(night.Errors);
        Assert.Contains($"workloads {doomed}) failed after 5 deliveries and is in the poison queue: {doomed}: prom-3: Source 'prom-3' (Prometheus range export) cannot read", error, StringComparison.Ordinal);
        foreach (var workload in (string[])[good, flaky])
        {
            var row = Assert.Single(await DailyTcoRowsAsync(workload));
            Assert.Equal(night.RunId, row.RunId);
        }
        Assert.Empty(await DailyTcoRowsAsync(doomed));

        // The operator's re-run: the source is back, and the poisoned message goes onto the queue again.
        Show(doomed);
        var message = (await _poison.ReceiveMessageAsync()).Value;
        await _queue.SendMessageAsync(message.Body.ToString());
        await _poison.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        var rerun = await _app.Emulator.DrainQueueAsync(NightlyShardFunction(), _queue);

        Assert.Equal(InvocationStatus.Success, Assert.Single(rerun).Outcome.Status);
        var completed = Assert.Single(await Runs().ListAsync(NightlyTcoJob.Name, 10));
        Assert.Equal((night.RunId, JobStatus.Succeeded, new ShardCounts(3, 3, 0)), (completed.RunId, completed.Status, completed.Shards));
        Assert.Empty(completed.Errors);
        Assert.Equal(3, completed.WorkloadsOk);
        foreach (var workload in _workloads)
        {
            Assert.Single(await DailyTcoRowsAsync(workload));
        }
        var api = await _app.Client.GetStringAsync(new Uri("api/runs?job=NightlyTco", UriKind.Relative));
        Assert.Contains("\"status\":\"succeeded\"", api, StringComparison.Ordinal);
        Assert.Contains("\"shards\":{\"expected\":3,\"succeeded\":3,\"failed\":0}", api, StringComparison.Ordinal);
    }

    private static string NightlyShardFunction() => "NightlyTcoShard";

    private TableRunStore Runs() => new(Tables().Runs);

    private Task<IReadOnlyList<DailyTcoRecord>> DailyTcoRowsAsync(string workload) =>
        new TableDailyTcoStore(Tables().DailyTco).GetRangeAsync(workload, DayRange.OneDay(s_night));

    private CostOpsTables Tables() =>
        new(new TableServiceClient(azurite.ConnectionString), CostOpsTableNames.WithPrefix(_settings["CostOps__Storage__TablePrefix"]));

    // A Prometheus source whose folder is gone answers "cannot read": the workload fails, so its shard fails.
    private void Hide(string workload) => Directory.Move(SourceFolder(workload), SourceFolder(workload) + ".hidden");

    private void Show(string workload) => Directory.Move(SourceFolder(workload) + ".hidden", SourceFolder(workload));

    private string SourceFolder(string workload) => Path.Combine(_folder, $"prom-{Array.IndexOf(_workloads, workload) + 1}");

    private void AddSource(int index, string name, string format, string path, string? step = null)
    {
        _settings[$"CostOps__Sources__{index}__Name"] = name;
        _settings[$"CostOps__Sources__{index}__Type"] = "files";
        _settings[$"CostOps__Sources__{index}__Format"] = format;
        _settings[$"CostOps__Sources__{index}__Path"] = path;
        if (step is not null)
        {
            _settings[$"CostOps__Sources__{index}__Step"] = step;
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
