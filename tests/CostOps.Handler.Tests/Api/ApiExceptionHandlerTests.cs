using System.Text.Json;
using Azure;
using CostOps.Application.Telemetry;
using CostOps.Handler.Api.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CostOps.Handler.Tests.Api;

/// <summary>
/// The one exception handler, for failures the published handler cannot be made to produce on demand
/// (no telemetry source fails in the contract tests): each becomes the documented problem.
/// </summary>
public sealed class ApiExceptionHandlerTests
{
    [Theory]
    [InlineData(null, 503)]
    [InlineData(503, 503)]
    [InlineData(429, 503)]
    [InlineData(401, 502)]
    [InlineData(500, 502)]
    public async Task ATelemetrySourceFailure_NamesTheSource(int? upstreamStatus, int expected)
    {
        var failure = upstreamStatus is { } upstream
            ? new TelemetrySourceException("prometheus", "prometheus answered an error", upstream)
            : new TelemetrySourceException("prometheus", "prometheus could not be reached");

        var (status, problem) = await HandleAsync(failure);

        Assert.Equal(expected, status);
        Assert.Equal("telemetry:prometheus", problem.GetProperty("upstream").GetString());
    }

    [Theory]
    [InlineData(0, 503)]
    [InlineData(503, 503)]
    [InlineData(403, 502)]
    public async Task AStorageFailure_NamesTableStorage_WithoutTheSdkMessage(int storageStatus, int expected)
    {
        var failure = new RequestFailedException(storageStatus, "Status: 403 Headers: Authorization: SharedKeyLite devstoreaccount1:c2VjcmV0", "AuthorizationFailure", null);

        var (status, problem) = await HandleAsync(failure);

        Assert.Equal(expected, status);
        Assert.Equal("table-storage", problem.GetProperty("upstream").GetString());
        Assert.DoesNotContain("devstoreaccount1", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StorageRetriesThatAllFailed_AreAStorageFailureToo()
    {
        var failure = new AggregateException(new RequestFailedException("refused"), new RequestFailedException("refused"));

        var (status, problem) = await HandleAsync(failure);

        Assert.Equal(503, status);
        Assert.Equal("table-storage", problem.GetProperty("upstream").GetString());
    }

    [Fact]
    public async Task AnythingElse_IsABare500_WithoutItsMessage()
    {
        var (status, problem) = await HandleAsync(new InvalidOperationException("connection string AccountKey=c2VjcmV0"));

        Assert.Equal(500, status);
        Assert.DoesNotContain("AccountKey", problem.GetRawText(), StringComparison.Ordinal);
        Assert.False(problem.TryGetProperty("detail", out _));
    }

    private static async Task<(int Status, JsonElement Problem)> HandleAsync(Exception exception)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = new ApiExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<ApiExceptionHandler>.Instance);

        Assert.True(await handler.TryHandleAsync(context, exception, CancellationToken.None));

        Assert.Equal("application/problem+json", context.Response.ContentType);
        context.Response.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, document.RootElement.Clone());
    }
}
