using System.Globalization;
using CostOps.Application.Export;
using CostOps.Application.Ports;
using CostOps.Cli.Hosting;
using CostOps.TestSupport.Azurite;
using CostOps.TestSupport.Digest;
using Microsoft.Extensions.DependencyInjection;

namespace CostOps.Cli.Tests;

[Collection(AzuriteFixture.CollectionName)]
public sealed class ExportCommandTests(AzuriteFixture azurite) : IDisposable
{
    private static readonly DateOnly Monday = StoredDigestWeek.Week.Monday;
    private readonly string _folder = Directory.CreateTempSubdirectory("costops-cli-export-").FullName;
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..10];

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Settings on this run's Azurite and the digest catalog, with the two weeks of digest rows stored through the store port.</summary>
    private async Task<(string Settings, StoredDigestWeek Stored)> SeededAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "catalog.json"), StoredDigestWeek.CatalogJson);
        var settings = Path.Combine(_folder, "settings.json");
        await File.WriteAllTextAsync(settings, $$"""
            { "CostOps": {
                "Storage": { "ConnectionString": "{{azurite.ConnectionString}}", "TablePrefix": "{{_prefix}}" },
                "Catalog": { "Path": "catalog.json" } } }
            """);
        var stored = StoredDigestWeek.Create();
        await using var host = await CliHost.StartAsync(settings, new Dictionary<string, string?>(), TextWriter.Null, CancellationToken.None);
        await host.Services.GetRequiredService<IDailyTcoStore>().UpsertAsync(stored.Daily);
        return (settings, stored);
    }

    [Fact]
    public async Task Export_WritesFocus12Rows_ThatValidate_WithEffectiveCostEqualToTheStoredSelfHostedCost()
    {
        var (settings, stored) = await SeededAsync();
        var file = Path.Combine(_folder, "out", "focus.csv");

        var run = await CliRun.RunAsync("export", "focus", "--from", $"{Monday.AddDays(-7):yyyy-MM-dd}", "--to", $"{Monday.AddDays(6):yyyy-MM-dd}", "--out", file, "--settings", settings);

        Assert.True(run.ExitCode == 0, run.Error);
        var text = await File.ReadAllTextAsync(file);
        Assert.Empty(FocusSpec.Load().Problems(text));
        var (headers, rows) = FocusSpec.ReadCsv(text);
        Assert.Equal(FocusColumns.All, headers);
        string? Cell(IReadOnlyList<string?> row, string column) => row[headers.IndexOf(column)];

        // Every stored workload-day of the catalog's workloads with a known self-hosted cost, and nothing else.
        var expected = stored.Daily
            .Where(r => r.WorkloadId != StoredDigestWeek.RetiredWorkload && r.Tco.Day >= Monday.AddDays(-7) && r.Tco.Day <= Monday.AddDays(6))
            .ToList();
        var known = expected.Where(r => r.Tco.SelfHostedCost is not null).ToList();
        Assert.Equal(known.Count, rows.Count);
        foreach (var record in known)
        {
            var row = Assert.Single(rows, r => Cell(r, "x_WorkloadId") == record.WorkloadId
                && Cell(r, "ChargePeriodStart") == $"{record.Tco.Day:yyyy-MM-dd}T00:00:00Z");
            Assert.Equal(record.Tco.SelfHostedCost!.Value.Usd, decimal.Parse(Cell(row, "EffectiveCost")!, CultureInfo.InvariantCulture));
            Assert.Equal($"{record.Tco.Day.AddDays(1):yyyy-MM-dd}T00:00:00Z", Cell(row, "ChargePeriodEnd"));
        }
        Assert.Contains($"exported {known.Count} FOCUS 1.2 rows (3 workloads", run.Error, StringComparison.Ordinal);
        Assert.Contains("1 workload-day(s) with an unknown self-hosted cost left out", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownFigures_AreEmptyCells_NeverZero()
    {
        var (settings, stored) = await SeededAsync();
        var unknownApi = stored.Daily.First(r => r.Tco.SelfHostedCost is not null && r.Tco.GpuHours is not null);

        var run = await CliRun.RunAsync("export", "focus", "--from", $"{Monday:yyyy-MM-dd}", "--to", $"{Monday:yyyy-MM-dd}", "--workload", unknownApi.WorkloadId, "--settings", settings);

        Assert.True(run.ExitCode == 0, run.Error);
        var (headers, rows) = FocusSpec.ReadCsv(run.Out);
        var row = Assert.Single(rows);
        foreach (var (column, value) in new (string, object?)[]
        {
            ("x_GpuHours", unknownApi.Tco.GpuHours), ("x_ApiEquivalentCost", unknownApi.Tco.ApiEquivalentCost?.Usd), ("x_Savings", unknownApi.Tco.Savings?.Usd),
            ("x_DemandRatio", unknownApi.Tco.DemandRatio), ("x_PricesAsOf", unknownApi.PricesAsOf),
        })
        {
            Assert.Equal(value is null, row[headers.IndexOf(column)] is null);
        }
        Assert.Null(row[headers.IndexOf("ChargeClass")]);
        Assert.Equal("0", row[headers.IndexOf("BilledCost")]);
    }

    [Fact]
    public async Task TheUnknownCostDay_HasNoRow_AndItsFiguresAreNotWrittenAsZero()
    {
        var (settings, _) = await SeededAsync();

        var run = await CliRun.RunAsync("export", "focus", "--from", $"{Monday.AddDays(5):yyyy-MM-dd}", "--to", $"{Monday.AddDays(5):yyyy-MM-dd}", "--workload", "code-review-bot", "--out", "-", "--settings", settings);

        Assert.True(run.ExitCode == 0, run.Error);
        var (headers, rows) = FocusSpec.ReadCsv(run.Out);
        Assert.Equal(FocusColumns.All, headers);
        Assert.Empty(rows);
        Assert.Contains("exported 0 FOCUS 1.2 rows", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSpecCheck_CatchesANullCost_AWrongAllowedValue_ALocalTime_AndAMissingColumn()
    {
        var header = string.Join(',', FocusColumns.All.Where(c => c != "PublisherName"));
        var cells = FocusColumns.All.Where(c => c != "PublisherName").Select(c => c switch
        {
            "EffectiveCost" => "",
            "ChargeCategory" => "Use",
            "ChargePeriodStart" => "2026-11-16 00:00",
            _ => "",
        });

        var problems = FocusSpec.Load().Problems($"{header}\n{string.Join(',', cells)}\n");

        Assert.Contains("mandatory column PublisherName is missing", problems);
        Assert.Contains("row 1: EffectiveCost is null", problems);
        Assert.Contains("row 1: ChargeCategory 'Use' is not an allowed value", problems);
        Assert.Contains("row 1: ChargePeriodStart '2026-11-16 00:00' is not YYYY-MM-DDTHH:mm:ssZ", problems);
    }

    [Theory]
    [InlineData(new[] { "--to", "2026-11-20" }, "--from: is required")]
    [InlineData(new[] { "--from", "2026-11-20", "--to", "20/11/2026" }, "--to: must be a date as yyyy-MM-dd (was '20/11/2026')")]
    [InlineData(new[] { "--from", "2026-11-20", "--to", "2026-11-19" }, "--to: 2026-11-19 is before from 2026-11-20")]
    [InlineData(new[] { "--from", "2025-01-01", "--to", "2026-11-19" }, "--from: an export covers at most 366 days")]
    [InlineData(new[] { "--from", "2026-11-16", "--to", "2026-11-19", "--workload", "nope" }, "--workload: 'nope' is not in the workload catalog")]
    public async Task BadInput_ExitsWith2_NamingTheOption(string[] options, string expected)
    {
        var (settings, _) = await SeededAsync();

        var run = await CliRun.RunAsync(["export", "focus", .. options, "--settings", settings]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }
}
