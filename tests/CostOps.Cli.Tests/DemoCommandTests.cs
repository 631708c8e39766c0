using System.Text.RegularExpressions;
using Azure.Data.Tables;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport;
using CostOps.TestSupport.Azurite;
using CostOps.Application.Results;

namespace CostOps.Cli.Tests;

[Collection(AzuriteFixture.CollectionName)]
public sealed partial class DemoCommandTests(AzuriteFixture azurite)
{
    [GeneratedRegex(@"^run \S+: .*$", RegexOptions.Multiline)]
    private static partial Regex RunLine();

    [Fact]
    public async Task Demo_PrintsEveryWorkload_StoresTheRows_AndGivesTheSameNumbersTwice()
    {
        var settings = RepositoryRoot.Combine("samples", "demo", "costops.settings.json");

        var first = await CliRun.RunAsync("demo", "--settings", settings, "--storage", azurite.ConnectionString);
        var second = await CliRun.RunAsync("demo", "--settings", settings, "--storage", azurite.ConnectionString);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(0, second.ExitCode);
        foreach (var workload in new[] { "support-triage", "contract-extraction", "marketing-copy" })
        {
            Assert.Contains($"{workload}: over 30 days self-hosting", first.Out, StringComparison.Ordinal);
        }
        Assert.Contains("keep self-hosting", first.Out, StringComparison.Ordinal);
        Assert.Contains("a candidate to pause", first.Out, StringComparison.Ordinal);
        Assert.Contains("2 day(s) with incomplete telemetry", first.Out, StringComparison.Ordinal);
        // The autopilot's plan for the night after the data ends: only the workload far below break-even would be paused.
        Assert.Contains("autopilot plan for 2026-11-15", first.Out, StringComparison.Ordinal);
        Assert.Contains("demo: the clock reads 2026-11-16 (UTC), the night after the bundled data ends (2026-11-15)", first.Out, StringComparison.Ordinal);
        // One GPU rate per day: the export's cost over its running hours prices the break-even too ($140.16 / 24 h).
        Assert.Contains("demand is 1.81x break-even (1,225,467 requests/month)", first.Out, StringComparison.Ordinal);
        Assert.Matches(@"marketing-copy\s+│ [^│]+│ would pause", first.Out);
        Assert.Matches(@"support-triage\s+│ [^│]+│ hold", first.Out);
        Assert.Contains("Weekly digest of 2026-W46 (3 workloads", first.Out, StringComparison.Ordinal);
        // Only the run line (id, duration) may differ between the two runs.
        Assert.Equal(RunLine().Replace(first.Out, "run"), RunLine().Replace(second.Out, "run"));

        var tables = new CostOpsTables(new TableServiceClient(azurite.ConnectionString), new CostOpsTableNames());
        var store = new TableDailyTcoStore(tables.DailyTco);
        var stored = await store.GetRangeAsync("marketing-copy", new Domain.Time.DayRange(new DateOnly(2026, 8, 18), new DateOnly(2026, 11, 15)));
        Assert.Equal(90, stored.Count);
        Assert.All(stored, row => Assert.Equal(PriceSource.ActualCost, row.PriceSource));
        Assert.All(stored, row => Assert.Equal(Domain.Observed.GpuRateBasis.ActualCostPerRunningHour, row.Tco.GpuRateBasis));
        var triage = await store.GetRangeAsync("support-triage", Domain.Time.DayRange.OneDay(new DateOnly(2026, 11, 15)));
        Assert.Equal(5.84m, Assert.Single(triage).Tco.GpuHourlyRate!.Value.UsdPerHour);

        // The demo's FOCUS export of its 90 days validates against FOCUS 1.2, one row per workload-day.
        var export = Commands.DemoCommand.FocusExportPath(new Domain.Time.DayRange(new DateOnly(2026, 8, 18), new DateOnly(2026, 11, 15)));
        Assert.Contains($"FOCUS 1.2 export of 2026-08-18..2026-11-15 (270 rows, 3 workloads) written to {export}.", first.Out, StringComparison.Ordinal);
        var focus = await File.ReadAllTextAsync(export);
        Assert.Empty(FocusSpec.Load().Problems(focus));
        Assert.Equal(270, FocusSpec.ReadCsv(focus).Rows.Count);
    }
}
