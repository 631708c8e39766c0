using Azure.Core;
using CostOps.Application.Digest;
using CostOps.Application.Digest.Publishing;
using CostOps.Infrastructure.Teams;
using CostOps.TestSupport;
using CostOps.TestSupport.Digest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CostOps.Infrastructure.Tests.Teams;

public sealed class WeeklyDigestRegistrationTests
{
    private static ServiceProvider Provider(Dictionary<string, string?> settings, TokenCredential? credential = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(DigestStores.Empty().Reader());
        if (credential is not null)
        {
            services.AddSingleton(credential);
        }
        services.AddWeeklyDigest(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void TheTransports_FollowTheSettingsPresent_InAFixedOrder()
    {
        using var provider = Provider(new()
        {
            ["CostOps:Digest:WebhookUrl"] = "https://prod-12.westeurope.logic.azure.com/workflows/abc?sig=x",
            ["CostOps:Digest:GraphMailbox"] = "costops@contoso.com",
            ["CostOps:Digest:Recipients:0"] = "finops@contoso.com",
            ["CostOps:Digest:OutputDirectory"] = "out",
        }, new FixedTokenCredential());

        var publisher = provider.GetRequiredService<DigestPublisher>();

        Assert.Equal(["teams-webhook", "graph-mail", "file"], publisher.TransportNames);
    }

    [Fact]
    public void NoSettings_MeansNoTransport_ButTheServiceStillPreviews()
    {
        using var provider = Provider([]);

        Assert.Empty(provider.GetRequiredService<DigestPublisher>().TransportNames);
        Assert.IsType<InMemoryDigestPostLog>(provider.GetRequiredService<IDigestPostLog>());
    }

    [Fact]
    public void InvalidSettings_FailValidation_NamingEachKey_WithoutTheWebhookUrl()
    {
        using var provider = Provider(new()
        {
            ["CostOps:Digest:WebhookUrl"] = "http://prod-12.westeurope.logic.azure.com/workflows/abc?sig=TOPSECRET",
            ["CostOps:Digest:Recipients:0"] = "finops@contoso.com",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DigestOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith("CostOps:Digest:WebhookUrl", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("CostOps:Digest:Recipients is set but CostOps:Digest:GraphMailbox is not", StringComparison.Ordinal));
        Assert.DoesNotContain("TOPSECRET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AGraphTransportWithoutACredential_FailsWithAClearMessage()
    {
        using var provider = Provider(new()
        {
            ["CostOps:Digest:TeamId"] = "8b1f2c7e-58a1-4a53-9f0f-31e0d1c2b3a4",
            ["CostOps:Digest:ChannelId"] = "19:abc@thread.tacv2",
        });

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<DigestPublisher>());

        Assert.Contains("no Azure.Core TokenCredential is registered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThroughTheRegisteredHttpClient_NothingLoggedCarriesTheWebhookUrl()
    {
        const string secret = "SIGsecret0123456789";
        const string path = "workflows/5e4d3c2b1a/triggers/manual/paths/invoke";
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 202;
            return Task.CompletedTask;
        });
        var settings = new Dictionary<string, string?> { ["CostOps:Digest:WebhookUrl"] = new Uri(server.BaseUri, $"{path}?api-version=2016-06-01&sig={secret}").AbsoluteUri };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var logs = new FakeLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddSingleton(DigestStores.Empty().Reader());
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(SampleDigest.Now));
        services.AddWeeklyDigest(configuration);
        // Test-only: trust the loopback server's certificate (the product keeps the default validation).
        services.AddHttpClient<TeamsWorkflowWebhookTransport>().ConfigurePrimaryHttpMessageHandler(server.CreateTrustingHandler);
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<WeeklyDigestService>().RunAsync(SampleDigest.Week, force: false);

        Assert.True(result.Succeeded, string.Join("; ", result.Outcomes.Select(o => o.Error)));
        Assert.Single(server.Requests);
        Assert.True(logs.Collector.Count > 0);
        Assert.DoesNotContain(secret, logs.Collector.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain(path, logs.Collector.AllText(), StringComparison.Ordinal);
    }
}
