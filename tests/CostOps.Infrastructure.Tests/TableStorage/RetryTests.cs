using Azure;
using Azure.Data.Tables;
using CostOps.Infrastructure.TableStorage;
using CostOps.TestSupport;
using Microsoft.AspNetCore.Http;

namespace CostOps.Infrastructure.Tests.TableStorage;

/// <summary>The product's retry settings (<see cref="TableStorageClients.CreateOptions"/>) against a loopback Table fake.</summary>
public sealed class RetryTests
{
    private static async Task<LoopbackServer> ServerAnsweringAsync(params Func<HttpContext, Task>[] answers)
    {
        var calls = 0;
        return await LoopbackServer.StartAsync(context =>
        {
            var index = Math.Min(Interlocked.Increment(ref calls) - 1, answers.Length - 1);
            return answers[index](context);
        });
    }

    private static Func<HttpContext, Task> Error(int status, string code, string? retryAfter = null) => async context =>
    {
        context.Response.StatusCode = status;
        context.Response.Headers["x-ms-error-code"] = code;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{\"odata.error\":{\"code\":\"" + code + "\",\"message\":{\"lang\":\"en-US\",\"value\":\"It failed.\\nRequestId:1\\nTime:2026\"}}}");
    };

    private static readonly Func<HttpContext, Task> NoContent = context =>
    {
        context.Response.StatusCode = 204;
        context.Response.Headers.ETag = "W/\"datetime'2026-11-22T01%3A30%3A00Z'\"";
        return Task.CompletedTask;
    };

    // The product's options with the test server's transport; delays shortened so the tests do not wait.
    private static TableClientOptions Options(LoopbackServer? server)
    {
        var options = TableStorageClients.CreateOptions();
        if (server is not null)
        {
            options.Transport = server.CreateTransport();
        }
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        return options;
    }

    private static TableClient Client(LoopbackServer server) =>
        new TableServiceClient(server.BaseUri, new FixedTokenCredential(), Options(server)).GetTableClient("costs");

    [Fact]
    public async Task ServerBusy_WithRetryAfter_IsRetried_ThenSucceeds()
    {
        await using var server = await ServerAnsweringAsync(Error(503, "ServerBusy", retryAfter: "0"), NoContent);

        var response = await Client(server).UpsertEntityAsync(new TableEntity("w", "r"));

        Assert.Equal(204, response.Status);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task OperationTimedOut_IsRetried_ThenSucceeds()
    {
        await using var server = await ServerAnsweringAsync(Error(500, "OperationTimedOut"), NoContent);

        await Client(server).UpsertEntityAsync(new TableEntity("w", "r"));

        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task PersistentThrottling_StopsAfterThreeRetries_WithTheServiceError()
    {
        await using var server = await ServerAnsweringAsync(Error(503, "ServerBusy", retryAfter: "0"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => Client(server).UpsertEntityAsync(new TableEntity("w", "r")));

        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(503, error.Status);
        Assert.Equal("ServerBusy", error.ErrorCode);
    }

    [Fact]
    public async Task BadRequest_IsNotRetried()
    {
        await using var server = await ServerAnsweringAsync(Error(400, "InvalidInput"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => Client(server).UpsertEntityAsync(new TableEntity("w", "r")));

        Assert.Single(server.Requests);
        Assert.Equal("InvalidInput", error.ErrorCode);
    }

    [Fact]
    public async Task AnEndpointThatRefusesConnections_FailsWithOneErrorNamingTheEndpoint_AfterFourAttempts()
    {
        var port = LoopbackPorts.Free();
        var endpoint = new Uri($"http://127.0.0.1:{port}/devstoreaccount1");
        var service = new TableServiceClient(endpoint, new TableSharedKeyCredential("devstoreaccount1", "c2VjcmV0"), Options(null));

        var error = await Assert.ThrowsAsync<TableStorageUnreachableException>(() => service.CreateTableIfNotExistsAsync("costs"));

        Assert.Equal(0, error.Status);
        Assert.Equal(4, error.Attempts);
        Assert.Equal(new Uri($"http://127.0.0.1:{port}"), error.Endpoint);
        Assert.StartsWith($"Table storage at http://127.0.0.1:{port} could not be reached after 4 attempts: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Retry settings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCallersOwnCancellation_IsNotReportedAsUnreachableStorage()
    {
        var service = new TableServiceClient(new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}/devstoreaccount1"), new TableSharedKeyCredential("devstoreaccount1", "c2VjcmV0"), Options(null));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => service.CreateTableIfNotExistsAsync("costs", cancelled.Token));
    }
}
