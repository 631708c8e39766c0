using CostOps.TestSupport.Azurite;
using CostOps.TestSupport.Handler;

namespace CostOps.Handler.Tests.Contract;

[Collection(AzuriteFixture.CollectionName)]
public sealed class StartupFailureTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task MissingSettings_StopTheStart_NamingEachKey()
    {
        await using var handler = await HandlerProcess.StartAsync(new Dictionary<string, string>(), waitUntilReady: false);

        var exitCode = await handler.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        Assert.Contains("CostOps:Storage:ConnectionString or CostOps:Storage:TableEndpoint is required", handler.StandardError, StringComparison.Ordinal);
        Assert.Contains("CostOps:Catalog:Path is required", handler.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadCatalog_StopsTheStart_NamingTheWorkloadAndField()
    {
        var environment = HandlerEnvironment.For(azurite, """
            { "workloads": [ { "id": "triage", "goLive": "2026-01-01", "selfHosted": { "resources": [], "targetUtilization": 7 }, "api": { "model": "gpt-5.4" } } ] }
            """);
        await using var handler = await HandlerProcess.StartAsync(environment, waitUntilReady: false);

        var exitCode = await handler.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        Assert.Contains("workloads[0] (triage).selfHosted.targetUtilization", handler.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", handler.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadPort_StopsTheStart_NamingTheVariable()
    {
        var environment = HandlerEnvironment.For(azurite, HandlerEnvironment.EmptyCatalog);
        environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = "seventy";
        await using var handler = await HandlerProcess.StartAsync(environment, waitUntilReady: false);

        var exitCode = await handler.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        Assert.Contains("FUNCTIONS_CUSTOMHANDLER_PORT must be a TCP port number", handler.StandardError, StringComparison.Ordinal);
    }
}
