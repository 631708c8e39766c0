using CostOps.Infrastructure.Azurite;
using Xunit;

namespace CostOps.TestSupport.Azurite;

/// <summary>
/// One real Azurite Table service per test assembly, on a free loopback port with in-memory
/// storage, for every integration test that touches tables. It installs the pinned Azurite with
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

    /// <summary>The port this run's Azurite listens on.</summary>
    public int Port => Started.Port;

    /// <summary>The development account's path-style table endpoint.</summary>
    public Uri TableEndpoint => Started.TableEndpoint;

    /// <summary>A connection string for the development account on this run's Azurite.</summary>
    public string ConnectionString => Started.ConnectionString;

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
        _azurite = await AzuriteLauncher.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    // Azurite reports no port when given 0, so the fixture picks one the OS says is free.
}
