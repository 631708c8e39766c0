using System.Collections.Concurrent;
using Azure.Data.Tables;
using CostOps.Application.Results;
using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;
using CostOps.FunctionsHost;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport.Azurite;
using Xunit.Abstractions;

namespace CostOps.Reliability.Tests;

/// <summary>
/// The built Functions app as a real worker under the host emulator, on its own Azurite and tables, with a two-workload
/// catalog and a month of rows for <see cref="Workload"/>. One per test class (a class fixture).
/// </summary>
public sealed class ApiWorker : IAsyncLifetime
{
    public const string Workload = "triage";

    public const string OtherWorkload = "summaries";

    public const string CatalogJson = """
        { "workloads": [
          { "id": "triage", "displayName": "Support triage", "goLive": "2026-01-01",
            "selfHosted": { "tagSelector": { "costops-workload": "triage" }, "gpuSku": "Standard_NC40ads_H100_v5", "region": "eastus",
                            "gpuHourly": 6.5, "instances": { "min": 1, "max": 2 }, "tokensPerSecondPerInstance": 2500, "targetUtilization": 0.8 },
            "api": { "model": "gpt-5.4" },
            "recurringMonthly": { "monitoring": 100 }, "oneOff": { "training": 1500 }, "amortizationMonths": 12 },
          { "id": "summaries", "goLive": "2026-01-01",
            "selfHosted": { "tagSelector": { "costops-workload": "summaries" }, "gpuHourly": 3.2 },
            "api": { "model": "gpt-5.4" } } ] }
        """;

    private readonly AzuriteFixture _azurite = new();
    private readonly ConcurrentQueue<string> _log = new();
    private readonly string _catalog = Path.Combine(Path.GetTempPath(), $"costops-reliability-catalog-{Guid.NewGuid():N}.json");

    public FunctionsHostEmulator Emulator { get; private set; } = null!;

    public CostOpsTables Tables { get; private set; } = null!;

    public Dictionary<string, string> Settings { get; private set; } = null!;

    public string ConnectionString => _azurite.ConnectionString;

    /// <summary>Extra app settings for the worker (set before <see cref="InitializeAsync"/>, by a derived fixture).</summary>
    public Dictionary<string, string> ExtraSettings { get; } = [];

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        File.WriteAllText(_catalog, CatalogJson);
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        Settings = new Dictionary<string, string>
        {
            ["CostOps__Storage__ConnectionString"] = _azurite.ConnectionString,
            ["CostOps__Storage__TablePrefix"] = prefix,
            ["CostOps__Catalog__Path"] = _catalog,
            ["NightlyTcoSchedule"] = "0 30 1 * * *",
            ["AutopilotSchedule"] = "0 30 2 * * *",
            ["WeeklyDigestSchedule"] = "0 0 8 * * 1",
        };
        foreach (var (key, value) in ExtraSettings)
        {
            Settings[key] = value;
        }
        Emulator = await FunctionsHostEmulator.StartAsync(new FunctionsHostOptions
        {
            AppDirectory = BuiltApp.Locate(),
            Environment = Settings,
            Log = _log.Enqueue,
        });
        Tables = new CostOpsTables(new TableServiceClient(_azurite.ConnectionString), CostOpsTableNames.WithPrefix(prefix));
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        await new TableDailyTcoStore(Tables.DailyTco).UpsertAsync([.. Enumerable.Range(0, 30).Select(i => Row(Workload, yesterday.AddDays(-i)))]);
    }

    /// <summary>Every worker line logged so far (and not yet flushed).</summary>
    public void FlushLogTo(ITestOutputHelper output)
    {
        while (_log.TryDequeue(out var line))
        {
            output.WriteLine(line);
        }
    }

    /// <summary>Every stored entity of every CostOps table: (table, partition, row, ETag), to show nothing changed.</summary>
    public async Task<IReadOnlyList<string>> SnapshotAsync()
    {
        var entities = new List<string>();
        foreach (var name in Tables.Names.All)
        {
            var table = Tables.Service.GetTableClient(name);
            try
            {
                await foreach (var entity in table.QueryAsync<TableEntity>())
                {
                    entities.Add($"{name}/{entity.PartitionKey}/{entity.RowKey}/{entity.ETag}");
                }
            }
            catch (Azure.RequestFailedException ex) when (ex.Status == 404)
            {
                entities.Add($"{name}: none");
            }
        }
        return entities;
    }

    public async Task DisposeAsync()
    {
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }
        await _azurite.DisposeAsync();
        File.Delete(_catalog);
    }

    /// <summary>A complete night: 10,000 requests, 24 GPU hours at $6.50, above break-even.</summary>
    public static DailyTcoRecord Row(string workloadId, DateOnly day)
    {
        var tco = new DailyTco(
            day, 24m, new Money(156m), CostBasis.Estimated, new Money(100m), Money.Zero, new Money(50m), new Money(306m),
            10_000m, 9_000_000m, 2_500_000m, 1_000m, new Money(400m), new Money(40m), new Money(94m),
            250_000m, 334_583m, 1.3383m, false, false, 1m);
        return new DailyTcoRecord(workloadId, tco, 61.5, PriceSource.PriceBook, DateTimeOffset.UtcNow.AddDays(-40), "", DailyTcoRecord.CurrentCalcVersion, "seeded", DateTimeOffset.UtcNow.AddHours(-2));
    }
}
