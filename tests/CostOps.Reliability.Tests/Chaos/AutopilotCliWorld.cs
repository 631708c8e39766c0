using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using CostOps.Application.Results;
using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport.Azurite;

namespace CostOps.Reliability.Tests.Chaos;

/// <summary>
/// <c>costops autopilot run --mode enforce</c> as a child process against its own tables on Azurite and <see cref="FakeArm"/>:
/// the process trusts exactly the fake's certificate (<c>SSL_CERT_FILE</c>) and signs in through
/// <see cref="FakeManagedIdentity"/>, so the product's own ARM client, retries and operation timeout run as shipped.
/// Every workload owns one opted-in VM and has five nights at half its break-even, so each decision is to pause it.
/// </summary>
internal sealed class AutopilotCliWorld : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("costops-arm-chaos-").FullName;
    private readonly AzuriteFixture _azurite;
    private readonly string _prefix = BackfillWorld.NewPrefix("arm");
    private readonly List<JsonObject> _workloads = [];
    private FakeManagedIdentity? _identity;

    private AutopilotCliWorld(AzuriteFixture azurite, FakeArm arm)
    {
        _azurite = azurite;
        ArmFake = arm;
        Tables = new CostOpsTables(new TableServiceClient(azurite.ConnectionString), CostOpsTableNames.WithPrefix(_prefix));
    }

    public FakeArm ArmFake { get; }

    public CostOpsTables Tables { get; }

    public static async Task<AutopilotCliWorld> StartAsync(AzuriteFixture azurite)
    {
        var world = new AutopilotCliWorld(azurite, await FakeArm.StartAsync());
        world._identity = await FakeManagedIdentity.StartAsync();
        await world.Tables.EnsureCreatedAsync();
        return world;
    }

    /// <summary>A workload (named after its VM) whose VM answers writes with <paramref name="fault"/>.</summary>
    public async Task AddWorkloadAsync(string vm, ArmFault fault = ArmFault.None)
    {
        var id = ArmFake.AddVm(vm, fault);
        _workloads.Add(new JsonObject
        {
            ["id"] = vm,
            ["goLive"] = "2026-01-01",
            ["selfHosted"] = new JsonObject
            {
                ["resources"] = new JsonArray(id),
                ["gpuSku"] = "Standard_NC40ads_H100_v5",
                ["region"] = "eastus",
                ["tokensPerSecondPerInstance"] = 2500,
                ["targetUtilization"] = 0.8,
                ["instances"] = new JsonObject { ["min"] = 1, ["max"] = 6 },
            },
            ["api"] = new JsonObject { ["model"] = "gpt-5.4" },
            ["autopilot"] = new JsonObject { ["mode"] = "enforce", ["allowDeallocateScarceSku"] = true },
        });
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var now = DateTimeOffset.UtcNow;
        var rows = Enumerable.Range(0, 5).Select(i =>
        {
            var requests = Math.Round(0.5m * 73_000m / 30.416667m);
            var tco = new DailyTco(
                yesterday.AddDays(-i), 24m, new Money(24m), CostBasis.Estimated, Money.Zero, Money.Zero, Money.Zero, new Money(24m),
                requests, requests * 1000m, requests * 500m, 0m, null, null, null, 73_000m, 0.5m * 73_000m, 0.5m, false, false, 1m);
            return new DailyTcoRecord(vm, tco, null, PriceSource.PriceBook, now.AddDays(-1), "", DailyTcoRecord.CurrentCalcVersion, "seeded", now.AddHours(-1));
        }).ToList();
        await new TableDailyTcoStore(Tables.DailyTco).UpsertAsync(rows);
    }

    public CliProcess StartRun()
    {
        var settings = WriteSettings();
        return CliProcess.Start(["autopilot", "run", "--settings", settings, "--mode", "enforce"], Environment());
    }

    public async Task<(int ExitCode, string Out, string Error)> RunAsync()
    {
        using var cli = StartRun();
        var code = await cli.WaitAsync(TimeSpan.FromSeconds(90));
        return (code, cli.Out, cli.Error);
    }

    /// <summary>Every decision row, newest first.</summary>
    public async Task<IReadOnlyList<StoredDecision>> DecisionsAsync() =>
        await new TableDecisionStore(Tables.Decisions, TimeProvider.System).ListAsync(null, null, 1000);

    /// <summary>Ends a dead run's lease now instead of after its duration (the minimum is a minute): the passing of time, not a fix.</summary>
    public Task ExpireLeaseAsync() =>
        Tables.Leases.UpdateEntityAsync(
            new TableEntity("autopilot", "lease") { ["ExpiresAt"] = DateTimeOffset.UtcNow.AddMinutes(-1) }, ETag.All, TableUpdateMode.Merge);

    public async ValueTask DisposeAsync()
    {
        await ArmFake.DisposeAsync();
        if (_identity is not null)
        {
            await _identity.DisposeAsync();
        }
        Directory.Delete(_directory, recursive: true);
    }

    private string WriteSettings()
    {
        File.WriteAllText(Path.Combine(_directory, "catalog.json"), new JsonObject { ["workloads"] = new JsonArray([.. _workloads.Select(w => w.DeepClone())]) }.ToJsonString());
        var settings = Path.Combine(_directory, "settings.json");
        File.WriteAllText(settings, new JsonObject
        {
            ["CostOps"] = new JsonObject
            {
                ["Storage"] = new JsonObject { ["ConnectionString"] = _azurite.ConnectionString, ["TablePrefix"] = _prefix },
                ["Catalog"] = new JsonObject { ["Path"] = "catalog.json" },
                ["Telemetry"] = new JsonObject { ["Retry"] = new JsonObject { ["MaxRetries"] = 1, ["InitialDelay"] = "00:00:00.05", ["MaxDelay"] = "00:00:01" } },
                ["Autopilot"] = new JsonObject
                {
                    ["Mode"] = "enforce",
                    ["MaxActionsPerRun"] = 10,
                    ["LeaseDuration"] = "00:05:00",
                    ["Arm"] = new JsonObject
                    {
                        ["Endpoint"] = ArmFake.Server.BaseUri.ToString(),
                        ["ManagedIdentityClientId"] = "11111111-2222-3333-4444-555555555555",
                        ["OperationTimeout"] = "00:00:03",
                    },
                },
            },
        }.ToJsonString());
        return settings;
    }

    private Dictionary<string, string> Environment()
    {
        var pem = Path.Combine(_directory, "arm.pem");
        File.WriteAllText(pem, ArmFake.Server.Certificate!.ExportCertificatePem());
        // Trust exactly the fake's certificate in the child process (never turning validation off).
        var environment = new Dictionary<string, string> { ["SSL_CERT_FILE"] = pem, ["SSL_CERT_DIR"] = _directory };
        foreach (var (key, value) in _identity!.Environment)
        {
            environment[key] = value;
        }
        return environment;
    }
}
