using CostOps.Application.Results;
using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;
using Azure.Data.Tables;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport.Azurite;

namespace CostOps.Cli.Tests;

/// <summary>
/// <c>costops autopilot plan|run</c> in-process against Azurite. The workloads name their fleet by
/// tags only and no subscriptions to resolve them in, so no test here reaches for ARM or Resource Graph (the ARM side
/// is covered on loopback in the infrastructure tests).
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class AutopilotCommandTests(AzuriteFixture azurite) : IAsyncLifetime, IDisposable
{
    private static readonly DateOnly s_yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

    private readonly string _directory = Directory.CreateTempSubdirectory("costops-cli-autopilot-").FullName;
    private readonly string _prefix = AzuriteFixture.UniqueTableName("c");
    private string _settings = "";

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_directory, "catalog.json"), """
            { "workloads": [
              { "id": "triage", "goLive": "2026-01-01",
                "selfHosted": { "tagSelector": { "workload": "triage" }, "gpuHourly": 1.0, "tokensPerSecondPerInstance": 2500 },
                "api": { "model": "gpt-5.4" }, "autopilot": { "mode": "enforce" } },
              { "id": "search", "goLive": "2026-01-01",
                "selfHosted": { "tagSelector": { "workload": "search" }, "gpuHourly": 1.0, "tokensPerSecondPerInstance": 2500 },
                "api": { "model": "gpt-5.4" }, "autopilot": { "mode": "dry-run" } } ] }
            """);
        _settings = Path.Combine(_directory, "settings.json");
        File.WriteAllText(_settings, $$"""
            { "CostOps": {
                "Storage": { "ConnectionString": "{{azurite.ConnectionString}}", "TablePrefix": "{{_prefix}}" },
                "Catalog": { "Path": "catalog.json" },
                "Autopilot": { "Mode": "enforce" } } }
            """);
        var tables = Tables();
        await tables.EnsureCreatedAsync();
        var rows = Enumerable.Range(0, 5).Select(i => Night("triage", s_yesterday.AddDays(-i))).ToList();
        await new TableDailyTcoStore(tables.DailyTco).UpsertAsync(rows);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private CostOpsTables Tables() => new(new TableServiceClient(azurite.ConnectionString), CostOpsTableNames.WithPrefix(_prefix));

    private static DailyTcoRecord Night(string workload, DateOnly day) => new(
        workload,
        new DailyTco(day, 24m, new Money(24m), CostBasis.Estimated, Money.Zero, Money.Zero, Money.Zero, new Money(24m),
            1200m, 1_200_000m, 600_000m, 0m, null, null, null, 73_000m, 36_500m, 0.5m, false, false, 1m),
        null, PriceSource.PriceBook, DateTimeOffset.UtcNow.AddHours(-3), "", 1, "nightly", DateTimeOffset.UtcNow.AddHours(-3));

    private async Task<List<StoredDecision>> DecisionsAsync() =>
        [.. await new TableDecisionStore(Tables().Decisions, TimeProvider.System).ListAsync(null, null, 100)];

    [Fact]
    public async Task Plan_PrintsEachWorkloadsActionModeTargetsAndReason_AndWritesNothing()
    {
        var run = await CliRun.RunAsync("autopilot", "plan", "--settings", _settings);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"autopilot plan for {s_yesterday:yyyy-MM-dd}: global mode enforce", run.Out, StringComparison.Ordinal);
        foreach (var header in new[] { "Workload", "Action", "Mode", "Targets", "Reason" })
        {
            Assert.Contains(header, run.Out, StringComparison.Ordinal);
        }
        Assert.Contains("triage", run.Out, StringComparison.Ordinal);
        Assert.Contains("none listed", run.Out, StringComparison.Ordinal);
        Assert.Contains("50% below break-even 73,000", run.Out, StringComparison.Ordinal);
        Assert.Contains("dry-run", run.Out, StringComparison.Ordinal);
        Assert.Empty(await DecisionsAsync());
    }

    [Fact]
    public async Task Plan_ForOneWorkload_ShowsOnlyThatOne()
    {
        var run = await CliRun.RunAsync("autopilot", "plan", "--settings", _settings, "--workload", "search");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("search", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("triage", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_OfAnUnknownWorkload_IsBadInput_NamingIt()
    {
        var run = await CliRun.RunAsync("autopilot", "plan", "--settings", _settings, "--workload", "nope");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("workloadIds: 'nope' is not in the workload catalog", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_IsADryRun_UnlessEnforceIsAskedForExplicitly()
    {
        var dry = await CliRun.RunAsync("autopilot", "run", "--settings", _settings);
        var dryModes = (await DecisionsAsync()).Where(d => d.WorkloadId == "triage").Select(d => d.Decision.Mode).ToList();
        var enforce = await CliRun.RunAsync("autopilot", "run", "--settings", _settings, "--mode", "enforce");
        var rows = await DecisionsAsync();

        Assert.Equal(0, dry.ExitCode);
        Assert.Equal(["dry-run"], dryModes);
        Assert.Equal(0, enforce.ExitCode);
        Assert.Equal("enforce", rows.First(d => d.WorkloadId == "triage").Decision.Mode);
        // The catalog says dry-run for search: the command line cannot widen it.
        Assert.All(rows.Where(d => d.WorkloadId == "search"), d => Assert.Equal("dry-run", d.Decision.Mode));
        Assert.Contains("0 writes sent", enforce.Out, StringComparison.Ordinal);
        Assert.Contains("autopilot run ", enforce.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithAnUnknownMode_IsBadInput_NamingTheOption()
    {
        var run = await CliRun.RunAsync("autopilot", "run", "--settings", _settings, "--mode", "yolo");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--mode must be one of off, dry-run, enforce (was 'yolo')", run.Error, StringComparison.Ordinal);
        Assert.Empty(await DecisionsAsync());
    }
}
