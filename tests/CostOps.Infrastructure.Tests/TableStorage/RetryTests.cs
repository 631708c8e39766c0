using Azure;
using CostOps.Infrastructure.TableStorage;
using CostOps.TestSupport;
using Microsoft.AspNetCore.Http;

namespace CostOps.Infrastructure.Tests.TableStorage;

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

    private static TableClient Client(LoopbackServer server, int maxRetries = 3)
    {
        var options = new TableClientOptions { Transport = server.CreateTransport() };
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxRetries = maxRetries;
        return new TableServiceClient(server.BaseUri, new FixedTokenCredential(), options).GetTableClient("costs");
    }

    [Fact]
    public async Task ServerBusy_WithRetryAfter_IsRetried_ThenSucceeds()
    {
        await using var server = await ServerAnsweringAsync(Error(503, "ServerBusy", retryAfter: "1"), NoContent);

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
    public async Task PersistentThrottling_StopsAfterMaxRetries_WithTheServiceError()
    {
        await using var server = await ServerAnsweringAsync(Error(503, "ServerBusy", retryAfter: "0"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => Client(server, maxRetries: 2).UpsertEntityAsync(new TableEntity("w", "r")));

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(503, error.Status);
        Assert.Equal("ServerBusy", error.ErrorCode);
        Assert.Contains("It failed.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("RequestId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadRequest_IsNotRetried()
    {
        await using var server = await ServerAnsweringAsync(Error(400, "InvalidInput"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => Client(server).UpsertEntityAsync(new TableEntity("w", "r")));

        Assert.Single(server.Requests);
        Assert.Equal("InvalidInput", error.ErrorCode);
    }
}
