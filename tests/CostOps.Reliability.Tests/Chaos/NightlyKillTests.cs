using CostOps.TestSupport.Azurite;
using Xunit.Abstractions;

namespace CostOps.Reliability.Tests.Chaos;

/// <summary>
/// <c>costops nightly</c> backfilling 60 days for 12 workloads, SIGKILLed at random points (a table request number
/// drawn from the seed; storage slowed by a proxy so the kills land between writes) and re-run.
/// </summary>
[Trait("Category", "Chaos")]
[Collection(AzuriteFixture.CollectionName)]
public sealed class NightlyKillTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Kills = 3;

    [Fact]
    public async Task ABackfillKilledAtRandomPoints_LeavesOnlyWholeRows_AndItsRerun_StoresExactlyTheCleanRunsRows()
    {
        var seed = ChaosSeed.Next();
        output.WriteLine(ChaosSeed.Describe(seed));
        var random = new Random(seed);
        using var world = BackfillWorld.Create();
        await using var proxy = await TableStorageProxy.StartAsync(azurite.Port);
        proxy.Delay = TimeSpan.FromMilliseconds(100);
        var connection = proxy.ConnectionString(azurite.ConnectionString);

        var cleanPrefix = BackfillWorld.NewPrefix("clean");
        var clean = await CliProcess.RunAsync(world.NightlyArguments(), BackfillWorld.Storage(connection, cleanPrefix));
        Assert.True(clean.ExitCode == 0, clean.Out + clean.Error);
        var cleanRequests = proxy.Requests;
        var expected = await StoredDailyTco.ReadAsync(azurite.ConnectionString, cleanPrefix);
        Assert.Equal(BackfillWorld.Workloads * BackfillWorld.Days, expected.Count);
        output.WriteLine($"clean run: {expected.Count} rows, {cleanRequests} table requests");

        var prefix = BackfillWorld.NewPrefix("chaos");
        var landed = 0;
        for (var kill = 1; kill <= Kills; kill++)
        {
            var killAt = random.Next(1, cleanRequests + 1);
            var before = proxy.Requests;
            using var cli = CliProcess.Start(world.NightlyArguments(), BackfillWorld.Storage(connection, prefix));
            var killed = false;
            proxy.OnRequest = (number, _) =>
            {
                if (number - before == killAt)
                {
                    killed = true;
                    cli.Kill();
                }
                return Task.CompletedTask;
            };
            var exitCode = await cli.WaitAsync(TimeSpan.FromSeconds(60));
            proxy.OnRequest = null;
            landed += killed ? 1 : 0;
            var stored = await StoredDailyTco.ReadAsync(azurite.ConnectionString, prefix);
            output.WriteLine($"kill {kill}: at table request {killAt} of about {cleanRequests}: {(killed ? $"killed (exit {exitCode})" : $"the run finished first (exit {exitCode})")}; {stored.Count} rows stored so far");

            // A row is there whole, with the clean run's figures, or not at all.
            Assert.All(stored, row => Assert.Equal(expected.GetValueOrDefault(row.Key, "(not in the clean run)"), row.Value));
        }
        Assert.True(landed > 0, "no kill landed mid-run");

        var rerun = await CliProcess.RunAsync(world.NightlyArguments(), BackfillWorld.Storage(connection, prefix));
        output.WriteLine(rerun.Out);

        Assert.True(rerun.ExitCode == 0, rerun.Out + rerun.Error);
        Assert.Contains(": Succeeded,", rerun.Out, StringComparison.Ordinal);
        Assert.Equal(expected, await StoredDailyTco.ReadAsync(azurite.ConnectionString, prefix));
    }
}
