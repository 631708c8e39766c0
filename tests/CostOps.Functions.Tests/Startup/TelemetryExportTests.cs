using System.Net;
using System.Text.Json;
using CostOps.FunctionsHost;
using CostOps.Functions.Tests.Worker;
using CostOps.TestSupport.Azurite;
using Xunit.Abstractions;

namespace CostOps.Functions.Tests.Startup;

/// <summary>
/// With <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> set, the worker turns the Azure Monitor exporter on (with the
/// managed identity the authentication string names) and still serves; an ingestion endpoint that never answers
/// must not stop it. Nothing here reaches Azure: the fake endpoint is a closed loopback port.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class TelemetryExportTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string FakeConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:1/";

    private const string ClientId = "11111111-2222-3333-4444-555555555555";

    [Fact]
    public async Task WithAConnectionString_TheExporterIsOn_WithTheManagedIdentity_AndHealthStillAnswers()
    {
        var settings = AppSettings.For(azurite, AppSettings.EmptyCatalog);
        settings["APPLICATIONINSIGHTS_CONNECTION_STRING"] = FakeConnectionString;
        settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = $"ClientId={ClientId};Authorization=AAD";
        await using var app = await WorkerApp.StartAsync(settings);
        try
        {
            using var response = await app.Client.GetAsync(new Uri("/api/health", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var health = JsonDocument.Parse(body);
            // No nightly has run on these fresh tables, so the app serves and says "degraded"; storage answered.
            Assert.Equal("degraded", health.RootElement.GetProperty("status").GetString());
            Assert.True(health.RootElement.GetProperty("storage").GetProperty("reachable").GetBoolean());
            Assert.Contains($"Telemetry export to Application Insights: on (managed identity {ClientId})", app.Emulator.Logs, StringComparison.Ordinal);
            Assert.False(app.Emulator.HasExited);
        }
        finally
        {
            output.WriteLine($"worker started in {app.Emulator.StartedIn.TotalMilliseconds:F0} ms");
            app.FlushLogTo(output);
        }
    }

    [Fact]
    public async Task WithoutAConnectionString_TheExporterIsOff_AndSaysSo()
    {
        await using var app = await WorkerApp.StartAsync(AppSettings.For(azurite, AppSettings.EmptyCatalog));
        try
        {
            using var response = await app.Client.GetAsync(new Uri("/api/health", UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Telemetry export to Application Insights: off (APPLICATIONINSIGHTS_CONNECTION_STRING is not set)", app.Emulator.Logs, StringComparison.Ordinal);
        }
        finally
        {
            output.WriteLine($"worker started in {app.Emulator.StartedIn.TotalMilliseconds:F0} ms");
            app.FlushLogTo(output);
        }
    }

    [Fact]
    public async Task AnAuthenticationStringWithoutAad_StopsTheStart_NamingTheKey()
    {
        var settings = AppSettings.For(azurite, AppSettings.EmptyCatalog);
        settings["APPLICATIONINSIGHTS_CONNECTION_STRING"] = FakeConnectionString;
        settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = $"ClientId={ClientId}";

        var failure = await Assert.ThrowsAsync<WorkerStartupException>(() => WorkerApp.StartAsync(settings));
        output.WriteLine(failure.Message);

        Assert.Contains("CostOps cannot start: invalid configuration", failure.Message, StringComparison.Ordinal);
        Assert.Contains("APPLICATIONINSIGHTS_AUTHENTICATION_STRING: must contain Authorization=AAD", failure.Message, StringComparison.Ordinal);
    }
}
