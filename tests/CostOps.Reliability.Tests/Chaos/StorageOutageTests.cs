using Azure.Data.Tables;
using CostOps.Application.Jobs;
using CostOps.Infrastructure.Azurite;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport;
using Xunit.Abstractions;

namespace CostOps.Reliability.Tests.Chaos;

/// <summary>
/// Azurite stopped in the middle of a <c>costops nightly</c> backfill (at a batch drawn from the seed) and started again
/// once the storage client has given up on that batch: its own Azurite, with data on disk so the restart keeps it.
/// </summary>
[Trait("Category", "Chaos")]
public sealed class StorageOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The table client's attempts per call (one try and three retries) before it reports storage unreachable.</summary>
    private const int AttemptsPerCall = 4;

    private readonly string _data = Directory.CreateTempSubdirectory("costops-outage-").FullName;
    private readonly int _port = LoopbackPorts.Free();
    private AzuriteLauncher? _azurite;

    public async Task InitializeAsync() => _azurite = await StartAzuriteAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task AzuriteStoppedMidBackfill_FailsTheRunWithTheReason_LeavesOnlyWholeRows_AndTheRerunCompletes()
    {
        var seed = ChaosSeed.Next();
        output.WriteLine(ChaosSeed.Describe(seed));
        var random = new Random(seed);
        using var world = BackfillWorld.Create();
        var direct = _azurite!.ConnectionString;
        await using var proxy = await TableStorageProxy.StartAsync(_port);
        proxy.Delay = TimeSpan.FromMilliseconds(100);
        var connection = proxy.ConnectionString(direct);

        var cleanPrefix = BackfillWorld.NewPrefix("clean");
        var clean = await CliProcess.RunAsync(world.NightlyArguments(), BackfillWorld.Storage(connection, cleanPrefix));
        Assert.True(clean.ExitCode == 0, clean.Out + clean.Error);
        var expected = await StoredDailyTco.ReadAsync(direct, cleanPrefix);

        // One batch per workload: stop at one that is neither the first nor the last, so rows exist on both sides.
        var stopAtBatch = random.Next(2, BackfillWorld.Workloads);
        output.WriteLine($"Azurite stops when the backfill sends batch {stopAtBatch} of {BackfillWorld.Workloads}");
        var prefix = BackfillWorld.NewPrefix("outage");
        var batches = 0;
        var stopped = false;
        var restarted = false;
        proxy.OnRequest = async (_, path) =>
        {
            if (!stopped && path.EndsWith("$batch", StringComparison.Ordinal) && ++batches == stopAtBatch)
            {
                stopped = true;
                await _azurite!.DisposeAsync();
                _azurite = null;
            }
            else if (stopped && !restarted && proxy.Dropped >= AttemptsPerCall)
            {
                // The client has given up on the batch: bring storage back before anything else goes through.
                _azurite = await StartAzuriteAsync();
                restarted = true;
            }
        };
        var failed = await CliProcess.RunAsync(world.NightlyArguments(), BackfillWorld.Storage(connection, prefix));
        proxy.OnRequest = null;
        output.WriteLine($"exit {failed.ExitCode}\n{failed.Out}\n{failed.Error}");

        Assert.True(stopped && restarted, $"the fault did not happen as planned (stopped {stopped}, restarted {restarted})");
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("could not be reached", failed.Error, StringComparison.Ordinal);
        var run = Assert.Single(await new TableRunStore(Tables(prefix).Runs).ListAsync(null, 10));
        Assert.Equal(JobStatus.Failed, run.Status);
        Assert.Contains(run.Errors, e => e.Contains($"Table storage at http://127.0.0.1:", StringComparison.Ordinal) && e.Contains("could not be reached", StringComparison.Ordinal));
        var stored = await StoredDailyTco.ReadAsync(direct, prefix);
        Assert.All(stored, row => Assert.Equal(expected.GetValueOrDefault(row.Key, "(not in the clean run)"), row.Value));
        Assert.Equal((stopAtBatch - 1) * BackfillWorld.Days, stored.Count);

        var rerun = await CliProcess.RunAsync(world.NightlyArguments(), BackfillWorld.Storage(connection, prefix));

        Assert.True(rerun.ExitCode == 0, rerun.Out + rerun.Error);
        Assert.Equal(expected, await StoredDailyTco.ReadAsync(direct, prefix));
        var runs = await new TableRunStore(Tables(prefix).Runs).ListAsync(null, 10);
        Assert.Equal([JobStatus.Succeeded, JobStatus.Failed], runs.Select(r => r.Status));
    }

    private CostOpsTables Tables(string prefix) => new(new TableServiceClient(_azurite!.ConnectionString), CostOpsTableNames.WithPrefix(prefix));

    private Task<AzuriteLauncher> StartAzuriteAsync() => AzuriteLauncher.StartAsync(new AzuriteOptions
    {
        Port = _port,
        Location = _data,
        ReuseRunning = false,
        StartTimeout = TimeSpan.FromMinutes(1),
        InfraDirectory = InfraDirectory.Find(AppContext.BaseDirectory, Directory.GetCurrentDirectory()),
    });
}
