using System.Net;
using CostOps.Handler.Tests.Contract;
using CostOps.TestSupport.Azurite;
using CostOps.TestSupport.Handler;

namespace CostOps.Handler.Tests.Api;

/// <summary>What a caller gets when table storage goes away under a running handler.</summary>
[Collection(ApiHandlerFixture.CollectionName)]
public sealed class UpstreamFailureTests
{
    [Fact]
    public async Task WhenStorageGoesAway_ReadsAre503ProblemsNamingTableStorage_WithoutLeakingTheAccount_AndHealthIs503()
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var environment = HandlerEnvironment.For(azurite, ApiCatalog.Json);
        await using var handler = await HandlerProcess.StartAsync(environment);
        var port = azurite.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await azurite.DisposeAsync();

        using var read = await handler.Client.GetAsync(new Uri("/api/tco/triage?from=2026-03-01&to=2026-03-02", UriKind.Relative));
        var body = await read.Content.ReadAsStringAsync();

        var problem = await ApiAssert.ProblemAsync(read, HttpStatusCode.ServiceUnavailable, field: null);
        Assert.Equal("table-storage", problem.GetProperty("upstream").GetString());
        Assert.DoesNotContain("devstoreaccount1", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(port, body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);

        using var health = await handler.Client.GetAsync(new Uri("/api/health", UriKind.Relative));
        var healthBody = await health.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("\"status\":\"unhealthy\"", healthBody, StringComparison.Ordinal);
        Assert.Contains("\"reachable\":false", healthBody, StringComparison.Ordinal);
        Assert.DoesNotContain(port, healthBody, StringComparison.Ordinal);
    }
}
