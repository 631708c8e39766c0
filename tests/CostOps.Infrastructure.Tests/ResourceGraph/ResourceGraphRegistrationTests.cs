using Azure.Core;
using Azure.Core.Pipeline;
using CostOps.Application.Ports;
using CostOps.Infrastructure.Identity;
using CostOps.Infrastructure.ResourceGraph;
using CostOps.Infrastructure.Telemetry;
using CostOps.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CostOps.Infrastructure.Tests.ResourceGraph;

/// <summary>AddCostOps wires Resource Graph as the autopilot's fleet resolver, on the autopilot's ARM endpoint and the telemetry identity.</summary>
public sealed class ResourceGraphRegistrationTests : IAsyncLifetime, IDisposable
{
    private const string Subscription = "6f1c2e8a-4b7d-4c1e-9a55-0e2b9d7c1a10";

    private readonly string _catalog = Path.Combine(Path.GetTempPath(), $"costops-catalog-{Guid.NewGuid():N}.json");
    private readonly FixedTokenCredential _credential = new("telemetry-token");
    private FakeResourceGraph _graph = null!;

    public async Task InitializeAsync()
    {
        File.WriteAllText(_catalog, """
            { "workloads": [ { "id": "triage", "goLive": "2026-01-01",
                "selfHosted": { "tagSelector": { "costops-workload": "triage" }, "gpuHourly": 1.0, "tokensPerSecondPerInstance": 2500 },
                "api": { "model": "gpt-5.4" } } ] }
            """);
        _graph = await FakeResourceGraph.StartAsync();
    }

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    public void Dispose() => File.Delete(_catalog);

    private ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["CostOps:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["CostOps:Catalog:Path"] = _catalog,
            ["CostOps:Autopilot:Arm:Endpoint"] = _graph.Server.BaseUri.AbsoluteUri,
            ["CostOps:Autopilot:Arm:Audience"] = "https://management.azure.com/",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<ITelemetryTransportFactory>(new LoopbackTransports(_graph.Server))
            .AddCostOps(configuration)
            .AddSingleton(AzureCredentials.ForEveryPurpose(_credential))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public async Task TheResolver_SearchesTheConfiguredSubscriptions_OnTheAutopilotsArmEndpoint_WithTheTelemetryIdentity()
    {
        using var provider = Build(("CostOps:Autopilot:ResourceGraph:Subscriptions:0", Subscription));
        var resolver = Assert.IsType<ResourceGraphFleetResolver>(provider.GetRequiredService<IFleetResolver>());
        var vm = $"/subscriptions/{Subscription}/resourceGroups/gpu/providers/Microsoft.Compute/virtualMachines/vm-a";
        _graph.AddRow(vm, new Dictionary<string, string> { ["costops-workload"] = "triage" });

        var subscriptions = resolver.SubscriptionsFor([]);
        var ids = await resolver.ResolveAsync(new Dictionary<string, string> { ["costops-workload"] = "triage" }, subscriptions);

        Assert.Equal([Subscription], subscriptions);
        Assert.Equal([vm], ids);
        Assert.Equal("Bearer telemetry-token", Assert.Single(_graph.Server.Requests).Header("Authorization"));
        Assert.Contains(_credential.RequestedScopes, s => s.SequenceEqual(["https://management.azure.com/.default"]));
    }

    [Fact]
    public void WithoutSubscriptions_NothingIsSearched()
    {
        using var provider = Build();

        Assert.Empty(provider.GetRequiredService<IFleetResolver>().SubscriptionsFor([]));
    }

    [Fact]
    public void ASubscriptionThatIsNotAGuid_FailsStartUp_NamingTheKey()
    {
        using var provider = Build(("CostOps:Autopilot:ResourceGraph:Subscriptions:0", "prod"));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ResourceGraphOptions>>().Value);

        Assert.Contains("CostOps:Autopilot:ResourceGraph:Subscriptions:0 must be a subscription id", error.Message, StringComparison.Ordinal);
    }

    private sealed class LoopbackTransports(LoopbackServer server) : ITelemetryTransportFactory
    {
        public HttpPipelineTransport Create(string sourceName) => server.CreateTransport();
    }
}
