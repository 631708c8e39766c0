using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Azure.Core.Diagnostics;
using CostOps.Application.Telemetry;
using CostOps.Domain.Time;
using CostOps.Infrastructure.LlmProviders.Anthropic;
using CostOps.Infrastructure.LlmProviders.OpenAI;
using CostOps.TestSupport;
using Microsoft.AspNetCore.Http;

namespace CostOps.Infrastructure.Tests.Telemetry.LlmProviders;

/// <summary>Admin keys never reach an exception message, our logs or Azure.Core's own diagnostics, whatever fails.</summary>
public sealed class AdminKeySecrecyTests
{
    private static readonly DayRange Days = DayRange.OneDay(new DateOnly(2025, 1, 1));

    private readonly TelemetryHarness _harness = new();

    public static TheoryData<string, string> Failures() => new()
    {
        { "openai", "unauthorized-echo" },
        { "openai", "server-error-echo" },
        { "openai", "malformed-echo" },
        { "openai", "unreachable" },
        { "anthropic", "unauthorized-echo" },
        { "anthropic", "server-error-echo" },
        { "anthropic", "malformed-echo" },
        { "anthropic", "unreachable" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task TheAdminKey_IsAbsentFromErrorsAndLogs(string provider, string failure)
    {
        var key = provider == "openai" ? OpenAiAdminTests.AdminKey : AnthropicAdminTests.AdminKey;
        var azureCoreEvents = new ConcurrentQueue<string>();
        using var listener = new AzureEventSourceListener((_, message) => azureCoreEvents.Enqueue(message), EventLevel.Verbose);
        var server = await LoopbackServer.StartAsync(context => Fail(context, failure, key));
        IApiUsageSource source = provider == "openai"
            ? new OpenAiUsageSource("openai", new OpenAiAdminTests().Client(server), _harness.Logger)
            : new AnthropicUsageSource(new AnthropicAdminTests().Client(server), _harness.Logger);
        if (failure == "unreachable")
        {
            await server.DisposeAsync();
        }

        var error = await Assert.ThrowsAsync<TelemetrySourceException>(() => source.GetDailyUsageAsync(ApiTelemetryQuery.For(Days)));
        if (failure != "unreachable")
        {
            await server.DisposeAsync();
        }

        Assert.Equal(provider, error.SourceName);
        Assert.DoesNotContain(key, error.ToString(), StringComparison.Ordinal);
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain(key, e.Message, StringComparison.Ordinal);
        }
        Assert.All(_harness.Logs.Collector.GetSnapshot(), entry => Assert.DoesNotContain(key, entry.AllText(), StringComparison.Ordinal));
        Assert.All(azureCoreEvents, message => Assert.DoesNotContain(key, message, StringComparison.Ordinal));
        if (failure != "unreachable")
        {
            Assert.Contains(azureCoreEvents, message => message.Contains("REDACTED", StringComparison.Ordinal));
        }
    }

    private static Task Fail(HttpContext context, string failure, string key) => failure switch
    {
        // OpenAI and others echo (parts of) a rejected key in their error text.
        "unauthorized-echo" => LoopbackReplies.Json(context, $$$"""{"error":{"code":"invalid_api_key","message":"Incorrect API key provided: {{{key}}}."}}""", 401),
        "server-error-echo" => LoopbackReplies.Json(context, $"upstream failed for key {key}", 500),
        _ => LoopbackReplies.Json(context, $$"""{"data":[{"key":"{{key}}", """),
    };
}
