using Azure.Data.Tables;
using CostOps.Application.Catalog;
using CostOps.Application.Digest;
using CostOps.Application.Digest.Publishing;
using CostOps.Application.Digest.Rendering;
using CostOps.Application.PriceBook;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport.Azurite;
using CostOps.TestSupport.Digest;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CostOps.Infrastructure.Tests.Digest;

/// <summary>The CostOps tables under a fresh prefix on the shared Azurite, and the digest wired to them.</summary>
internal sealed class DigestTables
{
    private DigestTables(CostOpsTables tables, FakeTimeProvider clock)
    {
        Tables = tables;
        Clock = clock;
    }

    public CostOpsTables Tables { get; }

    public FakeTimeProvider Clock { get; }

    public static WorkloadCatalog Catalog { get; } =
        WorkloadCatalogReader.Parse(StoredDigestWeek.CatalogJson, PriceBookReader.LoadDefault(), null, "catalog.json");

    public static async Task<DigestTables> CreateAsync(AzuriteFixture azurite)
    {
        var names = CostOpsTableNames.WithPrefix("t" + Guid.NewGuid().ToString("N")[..10]);
        var tables = new CostOpsTables(new TableServiceClient(azurite.ConnectionString), names);
        await tables.EnsureCreatedAsync();
        return new DigestTables(tables, new FakeTimeProvider(StoredDigestWeek.DigestTime));
    }

    public DigestReader Reader() => new(
        Catalog, new TableDailyTcoStore(Tables.DailyTco), new TableDecisionStore(Tables.Decisions, Clock), new TableRunStore(Tables.Runs));

    /// <summary>
    /// A digest service as one run of the app has it: its own post log instance over the shared DigestPosts table
    /// (so two services are two processes as far as idempotency goes).
    /// </summary>
    public WeeklyDigestService Service(params IDigestTransport[] transports) => new(
        Reader(),
        new WeeklyDigestBuilder(),
        new DigestRenderer(new DigestRenderOptions(new Uri("https://costops.example.com/"))),
        new DigestPublisher(transports, new TableDigestPostLog(Tables.DigestPosts, Clock), Clock, new FakeLogger<DigestPublisher>()),
        Clock,
        new FakeLogger<WeeklyDigestService>());
}
