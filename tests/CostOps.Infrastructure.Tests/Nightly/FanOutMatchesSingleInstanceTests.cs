using CostOps.Application.Catalog;
using CostOps.Application.Jobs;
using CostOps.Application.Nightly;
using CostOps.Application.Nightly.FanOut;
using CostOps.Application.Ports;
using CostOps.Domain.Time;
using CostOps.Infrastructure.Queues;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport;
using CostOps.TestSupport.Azurite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CostOps.Infrastructure.Tests.Nightly;

/// <summary>
/// The demo's data computed twice with the shipped composition on Azurite: once in one instance, once fanned out over
/// the Storage queue (every message taken off the queue and handed to the shard runner, as the queue trigger does).
/// The daily figures must be identical; only the run id and the computation time may differ.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class FanOutMatchesSingleInstanceTests(AzuriteFixture azurite)
{
    // The last week of the demo's 90 nights (samples/demo/costops.settings.json: LastDay 2026-11-15).
    private static readonly DayRange s_days = new(new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 15));

    [Fact]
    public async Task TheDemosDailyFigures_AreIdentical_SingleInstanceOrFannedOut()
    {
        await using var single = Build("SingleInstance");
        await using var fanned = Build("FanOut");
        var queue = ShardQueueClients.Create(new StorageOptions { ConnectionString = azurite.ConnectionString }, NightlyOptions.ShardQueue);
        await queue.CreateIfNotExistsAsync();
        await queue.ClearMessagesAsync();

        var report = await single.GetRequiredService<TcoRecalculation>().RunAsync(new TcoRunRequest(null, s_days, "test"));
        var night = await fanned.GetRequiredService<NightlyFanOut>().StartAsync(new TcoRunRequest(null, s_days, "test"));
        var runner = fanned.GetRequiredService<NightlyShardRunner>();
        ShardRunResult? last = null;
        while ((await queue.ReceiveMessageAsync()).Value is { } message)
        {
            last = await runner.RunAsync(ShardMessage.Parse(message.Body.ToString()), message.DequeueCount, 5);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        Assert.Equal(JobStatus.Succeeded, report.Run.Status);
        // support-triage and contract-extraction share every source; marketing-copy also reads OpenAI usage.
        Assert.Equal(new Application.Results.ShardCounts(2, 0, 0), night.Shards);
        Assert.Equal((JobStatus.Succeeded, new Application.Results.ShardCounts(2, 2, 0)), (last!.Night.Status, last.Night.Shards));
        Assert.Equal(report.Run.RowsWritten, last.Night.RowsWritten);
        var workloads = single.GetRequiredService<WorkloadCatalog>().Workloads;
        Assert.Equal(3, workloads.Count);
        foreach (var workload in workloads)
        {
            var expected = await single.GetRequiredService<IDailyTcoStore>().GetRangeAsync(workload.Id, s_days);
            var actual = await fanned.GetRequiredService<IDailyTcoStore>().GetRangeAsync(workload.Id, s_days);
            Assert.Equal(s_days.Days, expected.Count);
            Assert.Equal(
                expected.Select(r => r with { RunId = "", ComputedAt = default }),
                actual.Select(r => r with { RunId = "", ComputedAt = default }));
            Assert.All(actual, r => Assert.Equal(night.RunId, r.RunId));
        }
    }

    private ServiceProvider Build(string mode)
    {
        // samples/demo/costops.settings.json, with its paths made absolute.
        var demo = RepositoryRoot.Combine("samples", "demo");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["CostOps:Catalog:Path"] = Path.Combine(demo, "catalog.json"),
                ["CostOps:Sources:0:Name"] = "demo-prometheus",
                ["CostOps:Sources:0:Type"] = "files",
                ["CostOps:Sources:0:Format"] = "prometheusRange",
                ["CostOps:Sources:0:Path"] = Path.Combine(demo, "telemetry", "prometheus"),
                ["CostOps:Sources:0:Step"] = "01:00:00",
                ["CostOps:Sources:1:Name"] = "demo-costs",
                ["CostOps:Sources:1:Type"] = "files",
                ["CostOps:Sources:1:Format"] = "focusCost",
                ["CostOps:Sources:1:Path"] = Path.Combine(demo, "telemetry", "focus"),
                ["CostOps:Sources:2:Name"] = "demo-openai",
                ["CostOps:Sources:2:Type"] = "files",
                ["CostOps:Sources:2:Format"] = "openAiUsage",
                ["CostOps:Sources:2:Path"] = Path.Combine(demo, "telemetry", "openai"),
                ["CostOps:Storage:ConnectionString"] = azurite.ConnectionString,
                ["CostOps:Storage:TablePrefix"] = "f" + Guid.NewGuid().ToString("N")[..12],
                ["CostOps:Nightly:Mode"] = mode,
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCostOps(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        provider.GetRequiredService<CostOpsTables>().EnsureCreatedAsync().GetAwaiter().GetResult();
        return provider;
    }
}
