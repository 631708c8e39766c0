using CostOps.Infrastructure.Azurite;
using Xunit;

namespace CostOps.TestSupport.Azurite;

/// <summary>
/// One real Azurite Table service and one Queue service per test assembly, each on a free loopback port with
/// in-memory storage, for every integration test that touches tables (or the nightly fan-out's queue). It installs the pinned Azurite with
/// <c>npm ci --prefix infra</c> if needed, waits until it answers and stops it when the run ends.
/// </summary>
/// <remarks>
/// xunit only finds collection definitions in the test assembly itself, so each test project
/// declares <c>[CollectionDefinition(AzuriteFixture.CollectionName)] public sealed class
/// AzuriteCollection : ICollectionFixture&lt;AzuriteFixture&gt;;</c> and its tests use
/// <c>[Collection(AzuriteFixture.CollectionName)]</c>. Give every test its own table
/// (<see cref="UniqueTableName"/>) so tests never see each other's rows.
/// </remarks>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>The collection name integration tests join.</summary>
    public const string CollectionName = "Azurite";

    private AzuriteLauncher? _azurite;
    private AzuriteLauncher? _queues;

    /// <summary>The port this run's Azurite listens on.</summary>
    public int Port => Started.Port;

    /// <summary>The development account's path-style table endpoint.</summary>
    public Uri TableEndpoint => Started.TableEndpoint;

    /// <summary>A connection string for the development account on this run's Azurite: its table and queue endpoints.</summary>
    public string ConnectionString => Started.ConnectionString + $"QueueEndpoint={QueueEndpoint};";

    /// <summary>The development account's path-style queue endpoint.</summary>
    public Uri QueueEndpoint => (_queues ?? throw new InvalidOperationException("Azurite's queue service has not started.")).Endpoint;

    /// <summary>A fresh valid queue name (lower-case letters and digits).</summary>
    public static string UniqueQueueName(string prefix = "q") => prefix + Guid.NewGuid().ToString("N")[..20];

    private AzuriteLauncher Started => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

    /// <summary>A fresh valid table name (letters and digits, starting with a letter).</summary>
    public static string UniqueTableName(string prefix = "t") => prefix + Guid.NewGuid().ToString("N")[..20];

    public async Task InitializeAsync()
    {
        var options = new AzuriteOptions
        {
            Port = LoopbackPorts.Free(),
            Location = null,
            ReuseRunning = false,
            StartTimeout = TimeSpan.FromMinutes(3),
            InfraDirectory = InfraDirectory.Find(AppContext.BaseDirectory, Directory.GetCurrentDirectory()),
        };
        var queueOptions = new AzuriteOptions
        {
            Service = AzuriteService.Queue,
            Port = LoopbackPorts.Free(),
            Location = null,
            ReuseRunning = false,
            StartTimeout = options.StartTimeout,
            InfraDirectory = options.InfraDirectory,
        };
        // One after the other: the first may have to run npm ci, which two launchers must not do at once.
        _azurite = await AzuriteLauncher.StartAsync(options);
        _queues = await AzuriteLauncher.StartAsync(queueOptions);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
        if (_queues is not null)
        {
            await _queues.DisposeAsync();
        }
    }

    // Azurite reports no port when given 0, so the fixture picks one the OS says is free.
}
