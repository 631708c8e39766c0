using System.IO.Compression;
using System.Net;
using System.Text.Json;
using CostOps.FunctionsHost;
using CostOps.Functions.Tests.Worker;
using CostOps.TestSupport.Azurite;
using Xunit.Abstractions;

namespace CostOps.Functions.Tests.Publish;

/// <summary>The deployable package: what scripts/publish.sh stages and zips is an isolated-worker app the host can load.</summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class PublishedPackageTests(PublishedApp published, AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<PublishedApp>
{
    [Fact]
    public void TheZip_HoldsWhatTheHostNeeds_AndNothingLocal()
    {
        Assert.True(published.ExitCode == 0, published.Output);
        using var zip = ZipFile.OpenRead(published.ZipFile);
        var entries = zip.Entries.Select(e => e.FullName.Replace('\\', '/')).ToHashSet(StringComparer.Ordinal);

        foreach (var required in (string[])["functions.metadata", "host.json", "worker.config.json", "extensions.json", "CostOps.Functions.dll", "appsettings.json", "openapi.json"])
        {
            Assert.Contains(required, entries);
        }
        Assert.Contains(entries, e => e.StartsWith(".azurefunctions/", StringComparison.Ordinal) && e.EndsWith(".dll", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.StartsWith("samples/", StringComparison.Ordinal) || e.EndsWith("local.settings.json", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e is "handler" || e.Contains("function.json", StringComparison.Ordinal));
    }

    [Fact]
    public void TheWorkerConfig_NamesTheWorkerInThePackage_RunByDotnet()
    {
        Assert.True(published.ExitCode == 0, published.Output);
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(published.AppDirectory, "worker.config.json")));
        var description = config.RootElement.GetProperty("description");

        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.Equal("dotnet", description.GetProperty("defaultExecutablePath").GetString());
        Assert.True(File.Exists(Path.Combine(published.AppDirectory, description.GetProperty("defaultWorkerPath").GetString()!)));
    }

    [Fact]
    public async Task ThePublishedApp_StartsUnderTheHost_AndAnswers()
    {
        Assert.True(published.ExitCode == 0, published.Output);
        await using var emulator = await FunctionsHostEmulator.StartAsync(new FunctionsHostOptions
        {
            AppDirectory = published.AppDirectory,
            Environment = AppSettings.For(azurite, AppSettings.EmptyCatalog),
            Log = output.WriteLine,
        });

        using var health = await emulator.Client.GetAsync(new Uri("/api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        // Every function the package's metadata lists is loaded by the worker (the metadata test checks them by name).
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(published.AppDirectory, "functions.metadata")));
        Assert.True(metadata.RootElement.GetArrayLength() >= 16, $"the package lists only {metadata.RootElement.GetArrayLength()} functions");
        Assert.Equal(metadata.RootElement.GetArrayLength(), emulator.Functions.Count);
    }
}
