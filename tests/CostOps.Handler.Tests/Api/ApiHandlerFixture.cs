using CostOps.Application.Jobs;
using CostOps.Application.Results;
using CostOps.Handler.Tests.Contract;
using Azure.Data.Tables;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport.Azurite;
using CostOps.TestSupport.Handler;

namespace CostOps.Handler.Tests.Api;

/// <summary>
/// One published handler for the HTTP API tests, started like the Functions host starts it, on its own
/// Azurite and tables, with <see cref="ApiCatalog"/> and the rows of <see cref="ApiCatalog.SeededRows"/>
/// and <see cref="ApiCatalog.SeededRuns"/> stored through the product's own stores (same table prefix).
/// </summary>
public sealed class ApiHandlerFixture : IAsyncLifetime
{
    public const string CollectionName = "HTTP API";

    private readonly AzuriteFixture _azurite = new();

    public HandlerProcess Handler { get; private set; } = null!;

    public HttpClient Client => Handler.Client;

    /// <summary>The handler's settings, for tests that start a second handler on the same tables.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; private set; } = null!;

    public CostOpsTables Tables { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        var environment = HandlerEnvironment.For(_azurite, ApiCatalog.Json);
        Environment = environment;
        // The handler creates its tables at start; the rows go in once it answers.
        Handler = await HandlerProcess.StartAsync(environment);
        Tables = new CostOpsTables(
            new TableServiceClient(_azurite.ConnectionString),
            CostOpsTableNames.WithPrefix(environment["CostOps__Storage__TablePrefix"]));
        await new TableDailyTcoStore(Tables.DailyTco).UpsertAsync(ApiCatalog.SeededRows(DateOnly.FromDateTime(DateTime.UtcNow)));
        var runs = new TableRunStore(Tables.Runs);
        foreach (var run in ApiCatalog.SeededRuns)
        {
            await runs.WriteAsync(run);
        }
    }

    public async Task DisposeAsync()
    {
        if (Handler is not null)
        {
            await Handler.DisposeAsync();
        }
        await _azurite.DisposeAsync();
    }
}

/// <summary>The HTTP API tests share one handler and run one after another.</summary>
[CollectionDefinition(ApiHandlerFixture.CollectionName)]
public sealed class ApiCollection : ICollectionFixture<ApiHandlerFixture>;

/// <summary>A run row to seed.</summary>
internal static class RunRows
{
    public static RunRecord Nightly(string runId, DateTimeOffset startedAt, JobStatus status) =>
        new("NightlyTco", runId, "timer", startedAt, startedAt.AddMinutes(3), status, 3, status == JobStatus.Succeeded ? 0 : 1, 3, 12,
            DateOnly.FromDateTime(startedAt.UtcDateTime).AddDays(-1), DateOnly.FromDateTime(startedAt.UtcDateTime).AddDays(-1),
            status == JobStatus.Succeeded ? [] : ["summaries: prometheus: 503"]);
}
