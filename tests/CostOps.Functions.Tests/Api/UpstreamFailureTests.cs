using System.Globalization;
using System.Net;
using CostOps.FunctionsHost;
using CostOps.Functions.Tests.Functions;
using CostOps.Functions.Tests.Worker;
using CostOps.TestSupport.Azurite;
using Xunit.Abstractions;

namespace CostOps.Functions.Tests.Api;

/// <summary>
/// What a caller gets when table storage goes away under a running worker. The store's exception escapes
/// the function; the app's worker middleware answers it (without it the worker would answer an empty 200).
/// </summary>
public sealed class UpstreamFailureTests(ITestOutputHelper output)
{
    [Fact]
    public async Task WhenStorageGoesAway_ReadsAre503ProblemsNamingTableStorage_WithoutLeakingTheAccount_AndHealthIs503()
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        await using var app = await WorkerApp.StartAsync(AppSettings.For(azurite, ApiCatalog.Json));
        var port = azurite.Port.ToString(CultureInfo.InvariantCulture);
        await azurite.DisposeAsync();
        try
        {
            using var read = await app.Client.GetAsync(new Uri("/api/tco/triage?from=2026-03-01&to=2026-03-02", UriKind.Relative));
            var body = await read.Content.ReadAsStringAsync();

            var problem = await ApiAssert.ProblemAsync(read, HttpStatusCode.ServiceUnavailable, field: null);
            Assert.Equal("table-storage", problem.GetProperty("upstream").GetString());
            Assert.DoesNotContain("devstoreaccount1", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("AccountKey", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(port, body, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
            Assert.Empty(OpenApiExchangeTests.Contract.Check("GET", "/api/tco/triage?from=2026-03-01&to=2026-03-02", null, 503, read.Content.Headers.ContentType?.MediaType, body));
            // The answer was given, so the invocation is not a failure the host would retry or count as a crash.
            var invocation = app.Emulator.HttpInvocations.Last(i => i.InvocationId.Length > 0);
            Assert.Equal(InvocationStatus.Success, invocation.Status);

            using var health = await app.Client.GetAsync(new Uri("/api/health", UriKind.Relative));
            var healthBody = await health.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Contains("\"status\":\"unhealthy\"", healthBody, StringComparison.Ordinal);
            Assert.Contains("\"reachable\":false", healthBody, StringComparison.Ordinal);
            Assert.DoesNotContain(port, healthBody, StringComparison.Ordinal);
        }
        finally
        {
            app.FlushLogTo(output);
        }
    }
}
