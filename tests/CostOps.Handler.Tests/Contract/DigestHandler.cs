using Azure.Data.Tables;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport.Azurite;
using CostOps.TestSupport.Digest;
using CostOps.TestSupport.Handler;

namespace CostOps.Handler.Tests.Contract;

/// <summary>The published handler over its own tables holding <see cref="StoredDigestWeek"/>, with the file sink on.</summary>
internal sealed class DigestHandler : IAsyncDisposable
{
    private DigestHandler(HandlerProcess process, CostOpsTables tables, string outputDirectory)
    {
        Process = process;
        Tables = tables;
        OutputDirectory = outputDirectory;
    }

    public HandlerProcess Process { get; }

    public CostOpsTables Tables { get; }

    /// <summary>Where the handler's file sink writes (CostOps:Digest:OutputDirectory).</summary>
    public string OutputDirectory { get; }

    public static async Task<DigestHandler> StartAsync(AzuriteFixture azurite)
    {
        var environment = HandlerEnvironment.For(azurite, StoredDigestWeek.CatalogJson);
        var output = Path.Combine(Path.GetTempPath(), $"costops-digest-{Guid.NewGuid():N}");
        environment["CostOps__Digest__OutputDirectory"] = output;
        var process = await HandlerProcess.StartAsync(environment);
        // The handler created its tables at start-up; the week goes in as the nightly and autopilot would have left it.
        var tables = new CostOpsTables(
            new TableServiceClient(azurite.ConnectionString),
            CostOpsTableNames.WithPrefix(environment["CostOps__Storage__TablePrefix"]));
        await StoredDigestWeek.Create().WriteAsync(tables);
        return new DigestHandler(process, tables, output);
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        if (Directory.Exists(OutputDirectory))
        {
            Directory.Delete(OutputDirectory, recursive: true);
        }
    }
}
