using CostOps.Application.Autopilot;
using CostOps.Application.Catalog;
using CostOps.Application.PriceBook;
using CostOps.Application.Results;
using CostOps.Application.Telemetry;
using CostOps.Application.Tests.Nightly;
using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CostOps.Application.Tests.Autopilot;

/// <summary>
/// The runner and planner over port fakes: a catalog written as JSON, DailyTco rows in memory, a
/// fleet in memory, and one event log every fake writes to, so tests can assert the order of things.
/// </summary>
internal sealed class AutopilotHarness
{
    /// <summary>The run's clock: 02:30 UTC, so the evaluated night is <see cref="Day"/>.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 2, 30, 0, TimeSpan.Zero);

    public static readonly DateOnly Day = new(2026, 11, 21);

    private readonly List<string> _workloads = [];

    public AutopilotHarness()
    {
        Time = new FakeTimeProvider(Now);
        Fleet = new FakeFleetController(Log, Time);
        Decisions = new InMemoryDecisionStore(Log, Time);
        Leases = new InMemoryLeaseStore(Time);
    }

    public EventLog Log { get; } = new();

    public FakeTimeProvider Time { get; }

    public FakeFleetController Fleet { get; }

    public InMemoryDecisionStore Decisions { get; }

    public InMemoryDailyTcoStore DailyTco { get; } = new();

    public InMemoryRunStore Runs { get; } = new();

    public InMemoryLeaseStore Leases { get; }

    public AutopilotOptions Options { get; } = new() { Mode = AutopilotModes.Enforce };

    /// <summary>
    /// A workload with these resources, its own autopilot mode and extra autopilot settings (JSON members); a null
    /// <paramref name="tokensPerSecond"/> leaves the catalog's throughput out (the autopilot then uses the measured p95).
    /// </summary>
    public void AddWorkload(string id, string mode, IReadOnlyList<string> resourceIds, string autopilot = "", decimal? tokensPerSecond = 2500m, string fleetExtra = "")
    {
        var resources = string.Join(", ", resourceIds.Select(r => $"\"{r}\""));
        var throughput = tokensPerSecond is { } t ? $"\"tokensPerSecondPerInstance\": {t}, " : "";
        _workloads.Add($$"""
            {
              "id": "{{id}}", "goLive": "2026-01-01",
              "selfHosted": { "resources": [ {{resources}} ], "gpuSku": "Standard_NC8as_T4_v3", "region": "eastus",
                              {{throughput}}"targetUtilization": 0.8, "instances": { "min": 1, "max": 6 } {{fleetExtra}} },
              "api": { "model": "gpt-5.4" },
              "autopilot": { "mode": "{{mode}}" {{autopilot}} }
            }
            """);
    }

    /// <summary>Complete nights ending on <see cref="Day"/> at this demand ratio against a break-even of 73,000 requests/month.</summary>
    /// <param name="p95TokensPerSecond">The measured p95 served tokens/s per running instance of each night, or none.</param>
    public void AddNights(string workloadId, decimal ratio, int nights = 5, decimal completeness = 1m, DateTimeOffset? pricesAsOf = null, PriceSource priceSource = PriceSource.PriceBook,
        Func<int, decimal?>? p95TokensPerSecond = null)
    {
        for (var i = 0; i < nights; i++)
        {
            var day = Day.AddDays(-i);
            var requests = ratio * 73_000m / 30.416667m;
            var tco = new DailyTco(
                day, 24m, new Money(24m), CostBasis.Estimated, Money.Zero, Money.Zero, Money.Zero, new Money(24m),
                requests, requests * 1000m, requests * 500m, 0m, null, null, null,
                73_000m, ratio * 73_000m, ratio, false, false, completeness,
                PeakTokensPerSecondPerInstance: p95TokensPerSecond?.Invoke(i));
            DailyTco.Rows[(workloadId, day)] = new DailyTcoRecord(
                workloadId, tco, null, priceSource, priceSource == PriceSource.ActualCost ? null : pricesAsOf ?? Now.AddDays(-1), "", 1, "nightly-run", day.ToDateTime(TimeOnly.MinValue).AddHours(25));
        }
    }

    public WorkloadCatalog Catalog() =>
        WorkloadCatalogReader.Parse($$"""{ "workloads": [ {{string.Join(",", _workloads)}} ] }""", PriceBookReader.LoadDefault(), [], "catalog.json");

    /// <summary>Resolves tag selectors; null leaves them unresolved, as without a configured resolver.</summary>
    public FakeFleetResolver? Resolver { get; set; }

    public AutopilotPlanner Planner() =>
        new(Catalog(), PriceBookReader.LoadDefault(), DailyTco, Fleet, Decisions, Time, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<AutopilotPlanner>.Instance, Resolver);

    public AutopilotRunner Runner() =>
        new(Planner(), Decisions, Fleet, Leases, Runs, new UpstreamCallCounter(), Time, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<AutopilotRunner>.Instance);

    public Task<AutopilotRunReport> RunAsync(Domain.Autopilot.AutopilotMode? cap = null) => Runner().RunAsync(new AutopilotRunRequest("test", cap));
}
