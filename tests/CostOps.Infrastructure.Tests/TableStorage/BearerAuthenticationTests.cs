using CostOps.Infrastructure.TableStorage;
using CostOps.TestSupport;

namespace CostOps.Infrastructure.Tests.TableStorage;

public sealed class BearerAuthenticationTests
{
    [Fact]
    public async Task TokenCredential_SendsABearerTokenForTheStorageScope_WithTheApiVersion()
    {
        await using var server = await LoopbackServer.StartAsync(context => { context.Response.StatusCode = 204; return Task.CompletedTask; });
        var credential = new FixedTokenCredential();
        var service = new TableServiceClient(server.BaseUri, credential, new TableClientOptions { Transport = server.CreateTransport() });

        await service.GetTableClient("costs").UpsertEntityAsync(new TableEntity("w1", "2026-11-22") { ["Cost"] = 1.0 }, TableUpdateMode.Replace);

        var request = Assert.Single(server.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal("Bearer test-token", request.Header("Authorization"));
        Assert.Equal("2019-02-02", request.Header("x-ms-version"));
        Assert.Equal(["https://storage.azure.com/.default"], Assert.Single(credential.RequestedScopes));
        Assert.Contains("\"Cost@odata.type\":\"Edm.Double\"", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenCredential_OverPlainHttp_IsRefused()
    {
        var service = new TableServiceClient(new Uri("http://127.0.0.1:9/devstoreaccount1"), new FixedTokenCredential());

        await Assert.ThrowsAsync<InvalidOperationException>(() => service.CreateTableIfNotExistsAsync("costs"));
    }
}
