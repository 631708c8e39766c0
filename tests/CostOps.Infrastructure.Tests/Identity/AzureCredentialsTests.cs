using Azure.Identity;
using CostOps.Infrastructure.Identity;
using CostOps.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CostOps.Infrastructure.Tests.Identity;

/// <summary>One credential factory: chosen once per purpose, each purpose's managed identity setting deciding.</summary>
public sealed class AzureCredentialsTests
{
    private const string StorageIdentity = "11111111-1111-1111-1111-111111111111";
    private const string AutopilotIdentity = "22222222-2222-2222-2222-222222222222";

    [Fact]
    public void APurposeWithItsOwnIdentity_SignsInAsIt_AndTheAutopilotWithoutOne_SharesTheTelemetryCredential()
    {
        var separate = AzureCredentials.FromSettings(null, StorageIdentity, AutopilotIdentity);
        var shared = AzureCredentials.FromSettings(null, null, null);

        Assert.IsType<ManagedIdentityCredential>(separate.For(CredentialPurpose.Storage));
        Assert.IsType<ManagedIdentityCredential>(separate.For(CredentialPurpose.Autopilot));
        Assert.IsType<DefaultAzureCredential>(separate.For(CredentialPurpose.Telemetry));
        Assert.IsType<DefaultAzureCredential>(shared.For(CredentialPurpose.Storage));
        Assert.Same(shared.For(CredentialPurpose.Telemetry), shared.For(CredentialPurpose.Autopilot));
        Assert.NotSame(shared.For(CredentialPurpose.Telemetry), shared.For(CredentialPurpose.Storage));
    }

    [Fact]
    public void EachPurpose_IsChosenOnce()
    {
        var credentials = AzureCredentials.FromSettings(null, StorageIdentity, null);

        Assert.Same(credentials.For(CredentialPurpose.Storage), credentials.For(CredentialPurpose.Storage));
        Assert.Same(credentials.For(CredentialPurpose.Telemetry), credentials.For(CredentialPurpose.Telemetry));
    }

    [Fact]
    public void AddCostOps_RegistersTheTelemetryPurposesCredential_AndAReplacedFactoryIsUsedEverywhere()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CostOps:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["CostOps:Catalog:Path"] = "catalog.json",
        }).Build();
        var fixedCredential = new FixedTokenCredential();
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddCostOps(configuration)
            .AddSingleton(AzureCredentials.ForEveryPurpose(fixedCredential))
            .BuildServiceProvider();

        Assert.Same(fixedCredential, provider.GetRequiredService<Azure.Core.TokenCredential>());
    }
}
