using System.Text.Json;
using CostOps.Application.Jobs;
using Azure.Data.Tables;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport.Azurite;
using CostOps.TestSupport.Digest;

namespace CostOps.Cli.Tests;

[Collection(AzuriteFixture.CollectionName)]
public sealed class DigestCommandTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("costops-cli-digest-").FullName;
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..10];

    private string Out => Path.Combine(_folder, "out");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A settings file next to the catalog (relative paths), storage on this run's Azurite, the week stored.</summary>
    private async Task<(string Settings, CostOpsTables Tables)> SeededAsync(string? fileSinkDirectory = null)
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "catalog.json"), StoredDigestWeek.CatalogJson);
        var digest = fileSinkDirectory is null ? "" : $$""", "Digest": { "OutputDirectory": "{{fileSinkDirectory}}" }""";
        var settings = Path.Combine(_folder, "settings.json");
        await File.WriteAllTextAsync(settings, $$"""
            { "CostOps": {
                "Storage": { "ConnectionString": "{{azurite.ConnectionString}}", "TablePrefix": "{{_prefix}}" },
                "Catalog": { "Path": "catalog.json" }{{digest}} } }
            """);
        var tables = new CostOpsTables(new TableServiceClient(azurite.ConnectionString), CostOpsTableNames.WithPrefix(_prefix));
        await tables.EnsureCreatedAsync();
        await StoredDigestWeek.Create().WriteAsync(tables);
        return (settings, tables);
    }

    [Fact]
    public async Task Digest_WritesTheCardHtmlAndText_IntoOut_AndSaysWhere()
    {
        var (settings, tables) = await SeededAsync();

        var run = await CliRun.RunAsync("digest", "--week", "2026-W47", "--out", Out, "--settings", settings);

        Assert.True(run.ExitCode == 0, run.Error);
        foreach (var name in new[] { "digest-2026-W47.card.json", "digest-2026-W47.html", "digest-2026-W47.txt" })
        {
            var path = Path.Combine(Out, name);
            Assert.True(File.Exists(path), $"{name} was not written");
            Assert.Contains($"wrote {path}", run.Out, StringComparison.Ordinal);
        }
        using var card = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Out, "digest-2026-W47.card.json")));
        Assert.Equal("AdaptiveCard", card.RootElement.GetProperty("type").GetString());
        Assert.StartsWith("<!DOCTYPE html>", await File.ReadAllTextAsync(Path.Combine(Out, "digest-2026-W47.html")), StringComparison.Ordinal);
        Assert.Contains("support-triage", await File.ReadAllTextAsync(Path.Combine(Out, "digest-2026-W47.txt")), StringComparison.Ordinal);
        Assert.Contains("digest 2026-W47 (2026-11-16..2026-11-22): 3 workloads", run.Out, StringComparison.Ordinal);
        Assert.Contains("transports: none configured", run.Out, StringComparison.Ordinal);
        var recorded = Assert.Single(await new TableRunStore(tables.Runs).ListAsync("WeeklyDigest", 5));
        Assert.Equal((JobStatus.Succeeded, "cli"), (recorded.Status, recorded.Trigger));
    }

    [Fact]
    public async Task Digest_PostsThroughTheConfiguredTransports_OncePerWeek_UnlessForced()
    {
        var (settings, _) = await SeededAsync(fileSinkDirectory: "posted");

        var first = await CliRun.RunAsync("digest", "--week", "2026-W47", "--out", Out, "--settings", settings);
        File.Delete(Path.Combine(Out, "digest-2026-W47.html"));
        var second = await CliRun.RunAsync("digest", "--week", "2026-W47", "--out", Out, "--settings", settings);
        var forced = await CliRun.RunAsync("digest", "--week", "2026-W47", "--out", Out, "--settings", settings, "--force");

        Assert.Equal((0, 0, 0), (first.ExitCode, second.ExitCode, forced.ExitCode));
        Assert.Contains("transport file: posted", first.Out, StringComparison.Ordinal);
        Assert.Contains("transport file: already posted (not sent again)", second.Out, StringComparison.Ordinal);
        Assert.Contains("transport file: posted", forced.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder, "posted", "digest-2026-W47.card.json")));
        // --out is written on every run, posted or not.
        Assert.True(File.Exists(Path.Combine(Out, "digest-2026-W47.html")));
    }

    [Theory]
    [InlineData("2026-11-22")]
    [InlineData("2026-11-25")]
    public async Task TheDemo_WritesTheDigestOfItsLastCompleteWeek_WithoutPostingIt(string lastDay)
    {
        var (settings, tables) = await SeededAsync(fileSinkDirectory: "posted");
        await using var host = await Hosting.CliHost.StartAsync(settings, new Dictionary<string, string?>(), TextWriter.Null, CancellationToken.None);
        using var stdout = new StringWriter();

        await Commands.DigestCommand.WriteDemoDigestAsync(
            host.Services, DateOnly.Parse(lastDay, System.Globalization.CultureInfo.InvariantCulture), Out, stdout, CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(Out, "digest-2026-W47.html")));
        Assert.Contains("Weekly digest of 2026-W47 (3 workloads", stdout.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "posted")));
        Assert.Empty(await new TableRunStore(tables.Runs).ListAsync("WeeklyDigest", 1));
    }

    [Fact]
    public async Task Digest_OfAWeekThatHasNotEnded_ExitsWith2_NamingTheOption()
    {
        var run = await CliRun.RunAsync("digest", "--week", "2099-W01", "--out", Out);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--week: 2099-W01 has not ended yet", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task Digest_RefusesAMalformedWeek()
    {
        var run = await CliRun.RunAsync("digest", "--week", "2026-W99");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--week must be an ISO week as YYYY-Www", run.Error, StringComparison.Ordinal);
    }
}
