using Microsoft.Extensions.Time.Testing;
using System.Net;
using System.Text.Json;
using CostOps.FunctionsHost;
using CostOps.TestSupport;
using CostOps.TestSupport.Azurite;
using Xunit.Abstractions;

namespace CostOps.Functions.Tests.Worker;

/// <summary>
/// local.settings.example.json as shipped (Values become the worker's environment, as Core Tools and the
/// emulator's serve command do), except that storage points at this run's Azurite instead of the fixed
/// development port: the demo catalog and exports are found next to the build, and a night of the demo computes.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class LocalSettingsTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task TheShippedLocalSettings_ServeTheDemo()
    {
        using var file = JsonDocument.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("local.settings.example.json")));
        var settings = file.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(v => v.Name, v => v.Value.GetString()!);
        Assert.Equal("UseDevelopmentStorage=true", settings["CostOps__Storage__ConnectionString"]);
        settings["CostOps__Storage__ConnectionString"] = azurite.ConnectionString;
        settings["CostOps__Storage__TablePrefix"] = "t" + Guid.NewGuid().ToString("N")[..10];
        // The demo's exports end on 2026-11-15: the host fires the nightly timer the morning after.
        await using var app = await WorkerApp.StartAsync(settings, new FakeTimeProvider(new DateTimeOffset(2026, 11, 16, 1, 30, 0, TimeSpan.Zero)));
        try
        {
            using var workloads = await app.Client.GetAsync(new Uri("/api/workloads", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, workloads.StatusCode);
            using var body = JsonDocument.Parse(await workloads.Content.ReadAsStringAsync());
            Assert.Equal(3, body.RootElement.GetProperty("count").GetInt32());

            var nightly = await app.Emulator.InvokeTimerAsync("NightlyTco", TimerPayload.WithoutScheduleStatus());

            Assert.True(nightly.Status == InvocationStatus.Success, nightly.ExceptionMessage);
            Assert.Contains(nightly.Logs, line => line.Contains("Succeeded for 2026-11-15..2026-11-15; 3 workloads ok, 0 failed, 3 rows", StringComparison.Ordinal));
        }
        finally
        {
            app.FlushLogTo(output);
        }
    }
}
