using Microsoft.Extensions.Time.Testing;
using CostOps.Functions.Tests.Worker;
using Azure.Data.Tables;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport.Azurite;
using CostOps.TestSupport.Digest;

namespace CostOps.Functions.Tests.Digest;

/// <summary>
/// A worker over its own tables holding <see cref="StoredDigestWeek"/>, with the file sink on, under a host
/// whose clock reads Monday 08:00 after the week (<see cref="StoredDigestWeek.DigestTime"/>).
/// </summary>
internal sealed class DigestWorker : IAsyncDisposable
{
    private DigestWorker(WorkerApp app, CostOpsTables tables, string outputDirectory)
    {
        App = app;
        Tables = tables;
        OutputDirectory = outputDirectory;
    }

    public WorkerApp App { get; }

    public CostOpsTables Tables { get; }

    /// <summary>Where the file sink writes (CostOps:Digest:OutputDirectory).</summary>
    public string OutputDirectory { get; }

    public static async Task<DigestWorker> StartAsync(AzuriteFixture azurite)
    {
        var settings = AppSettings.For(azurite, StoredDigestWeek.CatalogJson);
        var output = Path.Combine(Path.GetTempPath(), $"costops-digest-{Guid.NewGuid():N}");
        settings["CostOps__Digest__OutputDirectory"] = output;
        var app = await WorkerApp.StartAsync(settings, new FakeTimeProvider(StoredDigestWeek.DigestTime));
        // The worker created its tables at start-up; the week goes in as the nightly and autopilot would have left it.
        var tables = new CostOpsTables(
            new TableServiceClient(azurite.ConnectionString),
            CostOpsTableNames.WithPrefix(settings["CostOps__Storage__TablePrefix"]));
        await StoredDigestWeek.Create().WriteAsync(tables);
        return new DigestWorker(app, tables, output);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (Directory.Exists(OutputDirectory))
        {
            Directory.Delete(OutputDirectory, recursive: true);
        }
    }
}
