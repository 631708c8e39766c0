using Azure.Data.Tables;
using CostOps.Infrastructure.TableStorage;
using CostOps.TestSupport;

namespace CostOps.Infrastructure.Tests.TableStorage;

public sealed class BearerAuthenticationTests
{
    [Fact]
    public async Task TokenCredential_SendsABearerTokenForTheStorageScope_AndTypesWholeDoubles()
    {
        await using var server = await LoopbackServer.StartAsync(context => { context.Response.StatusCode = 204; return Task.CompletedTask; });
        var credential = new FixedTokenCredential();
        var options = TableStorageClients.CreateOptions();
        options.Transport = server.CreateTransport();
        var service = new TableServiceClient(server.BaseUri, credential, options);

        await service.GetTableClient("costs").UpsertEntityAsync(new TableEntity("w1", "2026-11-22") { ["Cost"] = 1.0 }, TableUpdateMode.Replace);

        var request = Assert.Single(server.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal("Bearer test-token", request.Header("Authorization"));
        Assert.Equal(["https://storage.azure.com/.default"], Assert.Single(credential.RequestedScopes));
        // A whole-number double must stay a Double, or the service would store it as Int32.
        Assert.Contains("\"Cost@odata.type\":\"Edm.Double\"", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenCredential_OverPlainHttp_IsRefused()
    {
        var service = new TableServiceClient(new Uri("http://127.0.0.1:9/devstoreaccount1"), new FixedTokenCredential(), TableStorageClients.CreateOptions());

        await Assert.ThrowsAsync<InvalidOperationException>(() => service.CreateTableIfNotExistsAsync("costs"));
    }
}
