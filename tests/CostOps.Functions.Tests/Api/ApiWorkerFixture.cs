using CostOps.Application.Jobs;
using CostOps.Application.Results;
using Azure.Data.Tables;
using CostOps.Functions.Tests.Worker;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport.Azurite;

namespace CostOps.Functions.Tests.Api;

/// <summary>
/// One worker for the HTTP API tests, on its own Azurite and tables, with <see cref="ApiCatalog"/> and the
/// rows of <see cref="ApiCatalog.SeededRows"/> and <see cref="ApiCatalog.SeededRuns"/> stored through the
/// product's own stores (same table prefix).
/// </summary>
public sealed class ApiWorkerFixture : IAsyncLifetime
{
    public const string CollectionName = "HTTP API";

    private readonly AzuriteFixture _azurite = new();

    public WorkerApp App { get; private set; } = null!;

    public HttpClient Client => App.Client;

    public CostOpsTables Tables { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        var settings = AppSettings.For(_azurite, ApiCatalog.Json);
        // The worker creates its tables at start; the rows go in once it is ready.
        App = await WorkerApp.StartAsync(settings);
        Tables = new CostOpsTables(
            new TableServiceClient(_azurite.ConnectionString),
            CostOpsTableNames.WithPrefix(settings["CostOps__Storage__TablePrefix"]));
        await new TableDailyTcoStore(Tables.DailyTco).UpsertAsync(ApiCatalog.SeededRows(DateOnly.FromDateTime(DateTime.UtcNow)));
        var runs = new TableRunStore(Tables.Runs);
        foreach (var run in ApiCatalog.SeededRuns)
        {
            await runs.WriteAsync(run);
        }
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        await _azurite.DisposeAsync();
    }
}

/// <summary>The HTTP API tests share one worker and run one after another.</summary>
[CollectionDefinition(ApiWorkerFixture.CollectionName)]
public sealed class ApiCollection : ICollectionFixture<ApiWorkerFixture>;

/// <summary>A run row to seed.</summary>
internal static class RunRows
{
    public static RunRecord Nightly(string runId, DateTimeOffset startedAt, JobStatus status) =>
        new("NightlyTco", runId, "timer", startedAt, startedAt.AddMinutes(3), status, 3, status == JobStatus.Succeeded ? 0 : 1, 3, 12,
            DateOnly.FromDateTime(startedAt.UtcDateTime).AddDays(-1), DateOnly.FromDateTime(startedAt.UtcDateTime).AddDays(-1),
            status == JobStatus.Succeeded ? [] : ["summaries: prometheus: 503"]);
}
