using Azure.Core;
using CostOps.Application.Digest;
using CostOps.Application.Catalog;
using CostOps.Application.Ports;
using CostOps.Application.Results;
using CostOps.Domain.Time;
using CostOps.Application.Digest.Publishing;
using CostOps.Infrastructure.Teams;
using CostOps.TestSupport;
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
        services.AddSingleton(EmptyStores.Reader());
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
        services.AddSingleton(EmptyStores.Reader());
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

    /// <summary>Stores without a row, for the digest's reader: the digest of an empty catalog.</summary>
    private sealed class EmptyStores : IDailyTcoStore, IDecisionStore, IRunStore
    {
        public static DigestReader Reader()
        {
            var stores = new EmptyStores();
            return new DigestReader(new WorkloadCatalog([], "catalog.json"), stores, stores, stores);
        }

        public Task<IReadOnlyList<DailyTcoRecord>> GetRangeAsync(string workloadId, DayRange days, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<DailyTcoRecord>>([]);

        public Task<IReadOnlyList<StoredDecision>> ListAsync(string? workloadId, DateTimeOffset? since, int top, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<StoredDecision>>([]);

        public Task<IReadOnlyList<RunRecord>> ListStartedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<RunRecord>>([]);

        public Task UpsertAsync(IReadOnlyList<DailyTcoRecord> rows, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task RecordAsync(IReadOnlyList<StoredDecision> decisions, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> TryClaimAsync(StoredDecision decision, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task RecordOutcomeAsync(StoredDecision decision, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<DecisionClaim?> FindClaimAsync(string workloadId, string decisionId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<DecisionClaim>> ListClaimsAsync(string workloadId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task WriteAsync(RunRecord run, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<RunRecord>> ListAsync(string? job, int top, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
