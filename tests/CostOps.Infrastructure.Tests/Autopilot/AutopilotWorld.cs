using Azure.Data.Tables;
using CostOps.Infrastructure.TableStorage;
using CostOps.Application.Autopilot;
using CostOps.Application.Catalog;
using CostOps.Application.PriceBook;
using CostOps.Application.Results;
using CostOps.Application.Telemetry;
using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;
using CostOps.Infrastructure.ResourceGraph;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport;
using CostOps.TestSupport.Azurite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CostOps.Infrastructure.Tests.Autopilot;

/// <summary>
/// The autopilot end to end on real things: its own tables on the shared Azurite (DailyTco,
/// Decisions, Runs, Leases through the product's stores) and ARM on the HTTPS loopback fake,
/// reached through the real <see cref="Compute.ArmFleetController"/>.
/// </summary>
internal sealed class AutopilotWorld : IAsyncDisposable
{
    /// <summary>The runs' clock: 02:30 UTC, so the evaluated night is <see cref="Day"/>.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 2, 30, 0, TimeSpan.Zero);

    public static readonly DateOnly Day = new(2026, 11, 21);

    private readonly List<string> _workloads = [];

    private AutopilotWorld(FakeArmCompute arm, CostOpsTables tables)
    {
        Arm = arm;
        Tables = tables;
        Decisions = new TableDecisionStore(tables.Decisions, Time);
        DailyTco = new TableDailyTcoStore(tables.DailyTco);
        Runs = new TableRunStore(tables.Runs);
        Leases = new TableLeaseStore(tables.Leases, Time);
    }

    public FakeArmCompute Arm { get; }

    public CostOpsTables Tables { get; }

    public FakeTimeProvider Time { get; } = new(Now);

    public TableDecisionStore Decisions { get; }

    public TableDailyTcoStore DailyTco { get; }

    public TableRunStore Runs { get; }

    public TableLeaseStore Leases { get; }

    public AutopilotOptions Options { get; } = new() { Mode = AutopilotModes.Enforce };

    public static async Task<AutopilotWorld> StartAsync(AzuriteFixture azurite)
    {
        var arm = await FakeArmCompute.StartAsync();
        var tables = new CostOpsTables(new TableServiceClient(azurite.ConnectionString), CostOpsTableNames.WithPrefix(AzuriteFixture.UniqueTableName("ap")));
        await tables.EnsureCreatedAsync();
        return new AutopilotWorld(arm, tables);
    }

    /// <summary>
    /// A workload of these ARM resources. The fixture's VMs are H100s, which the price book flags
    /// scarce, so releasing them is allowed here unless a test says otherwise.
    /// </summary>
    public void AddWorkload(string id, string mode, IReadOnlyList<string> resourceIds, decimal tokensPerSecond = 2500m, bool allowScarce = true)
    {
        var resources = string.Join(", ", resourceIds.Select(r => $"\"{r}\""));
        _workloads.Add($$"""
            {
              "id": "{{id}}", "goLive": "2026-01-01",
              "selfHosted": { "resources": [ {{resources}} ], "gpuSku": "Standard_NC40ads_H100_v5", "region": "eastus",
                              "tokensPerSecondPerInstance": {{tokensPerSecond}}, "targetUtilization": 0.8, "instances": { "min": 1, "max": 6 } },
              "api": { "model": "gpt-5.4" },
              "autopilot": { "mode": "{{mode}}", "allowDeallocateScarceSku": {{(allowScarce ? "true" : "false")}} }
            }
            """);
    }

    /// <summary>Five complete nights ending on <see cref="Day"/> at this demand ratio against a break-even of 73,000 requests/month.</summary>
    public Task AddNightsAsync(string workloadId, decimal ratio)
    {
        var rows = Enumerable.Range(0, 5).Select(i =>
        {
            var day = Day.AddDays(-i);
            var requests = Math.Round(ratio * 73_000m / 30.416667m);
            var tco = new DailyTco(
                day, 24m, new Money(24m), CostBasis.Estimated, Money.Zero, Money.Zero, Money.Zero, new Money(24m),
                requests, requests * 1000m, requests * 500m, 0m, null, null, null,
                73_000m, ratio * 73_000m, ratio, false, false, 1m);
            return new DailyTcoRecord(workloadId, tco, null, PriceSource.PriceBook, Now.AddDays(-1), "", 1, "nightly", Now.AddHours(-1));
        }).ToList();
        return DailyTco.UpsertAsync(rows);
    }

    /// <summary>A workload whose fleet is named only by tags, resolved in the fixture's subscription.</summary>
    public void AddTaggedWorkload(string id, string mode, IReadOnlyDictionary<string, string> tagSelector)
    {
        var tags = string.Join(", ", tagSelector.Select(t => $"\"{t.Key}\": \"{t.Value}\""));
        _workloads.Add($$"""
            {
              "id": "{{id}}", "goLive": "2026-01-01",
              "selfHosted": { "tagSelector": { {{tags}} }, "subscriptions": [ "{{FakeArmCompute.SubscriptionId}}" ],
                              "gpuSku": "Standard_NC40ads_H100_v5", "region": "eastus",
                              "tokensPerSecondPerInstance": 15, "targetUtilization": 0.8, "instances": { "min": 1, "max": 6 } },
              "api": { "model": "gpt-5.4" },
              "autopilot": { "mode": "{{mode}}", "allowDeallocateScarceSku": true }
            }
            """);
    }

    /// <summary>Resource Graph on its own HTTPS loopback server; null leaves tag selectors unresolved.</summary>
    public ResourceGraph.FakeResourceGraph? Graph { get; set; }

    private Application.Ports.IFleetResolver? Resolver() => Graph is null
        ? null
        : new ResourceGraphFleetResolver(
            new ResourceGraphClient("resource-graph", Graph.Server.BaseUri, Pipeline.TelemetryPipeline.Build(
                new Pipeline.TelemetryPipelineSettings
                {
                    SourceName = "resource-graph",
                    Retry = new Pipeline.RetrySettings { MaxRetries = 2, InitialDelay = TimeSpan.Zero },
                    Transport = Graph.Server.CreateTransport(),
                    Credential = new FixedTokenCredential(),
                    Scope = "https://management.azure.com/.default",
                },
                Time,
                NullLogger.Instance)),
            []);

    public WorkloadCatalog Catalog() =>
        WorkloadCatalogReader.Parse($$"""{ "workloads": [ {{string.Join(",", _workloads)}} ] }""", PriceBookReader.LoadDefault(), [], "catalog.json");

    public AutopilotPlanner Planner() => new(
        Catalog(), PriceBookReader.LoadDefault(), DailyTco, Arm.CreateController(), Decisions, Time,
        Microsoft.Extensions.Options.Options.Create(Options), NullLogger<AutopilotPlanner>.Instance, Resolver());

    /// <summary>A runner of its own (own planner and ARM client), sharing the tables with every other runner of this world.</summary>
    /// <param name="leases">Another lease store than the world's, to take the lease out of the picture.</param>
    public AutopilotRunner Runner(TableLeaseStore? leases = null) => new(
        Planner(), Decisions, Arm.CreateController(), leases ?? Leases, Runs, new UpstreamCallCounter(), Time,
        Microsoft.Extensions.Options.Options.Create(Options), NullLogger<AutopilotRunner>.Instance);

    public Task<AutopilotRunReport> RunAsync() => Runner().RunAsync(new AutopilotRunRequest("test"));

    public async Task<StoredDecision> LatestDecisionAsync(string workloadId) => (await Decisions.ListAsync(workloadId, null, 1))[0];

    public async ValueTask DisposeAsync()
    {
        await Arm.DisposeAsync();
        if (Graph is not null)
        {
            await Graph.DisposeAsync();
        }
    }
}
