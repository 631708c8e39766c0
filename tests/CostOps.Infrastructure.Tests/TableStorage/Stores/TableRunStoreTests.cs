using CostOps.Application.Jobs;
using CostOps.Application.Results;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport.Azurite;

namespace CostOps.Infrastructure.Tests.TableStorage.Stores;

[Collection(AzuriteFixture.CollectionName)]
public sealed class TableRunStoreTests(AzuriteFixture azurite)
{
    private static RunRecord Run(string job, int minute, JobStatus status = JobStatus.Succeeded, params string[] errors) => new(
        job, $"run-{minute}", "timer",
        new DateTimeOffset(2026, 11, 21, 1, minute, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 11, 21, 1, minute, 42, TimeSpan.Zero),
        status, 3, errors.Length, 90, 17, new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 20), errors);

    [Fact]
    public async Task Runs_RoundTrip_NewestFirst()
    {
        var tables = await AzuriteTables.CreateAsync(azurite);
        var store = new TableRunStore(tables.Table);
        await store.WriteAsync(Run("NightlyTco", 1));
        await store.WriteAsync(Run("NightlyTco", 3, JobStatus.Partial, "w1: prometheus: 503", "w2: arm: 429"));
        await store.WriteAsync(Run("NightlyTco", 2));
        await store.WriteAsync(Run("Autopilot", 4));

        var nightly = await store.ListAsync("NightlyTco", 2);
        var all = await store.ListAsync(null, 10);

        Assert.Equal(["run-3", "run-2"], nightly.Select(r => r.RunId));
        Assert.Equal(Run("NightlyTco", 3, JobStatus.Partial, "w1: prometheus: 503", "w2: arm: 429") with { Errors = nightly[0].Errors }, nightly[0]);
        Assert.Equal(["w1: prometheus: 503", "w2: arm: 429"], nightly[0].Errors);
        Assert.Equal(["run-4", "run-3", "run-2", "run-1"], all.Select(r => r.RunId));
    }
}
