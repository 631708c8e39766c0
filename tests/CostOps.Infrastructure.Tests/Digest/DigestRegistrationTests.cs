using CostOps.Application.Digest;
using CostOps.Application.Digest.Publishing;
using CostOps.Application.Jobs;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport.Azurite;
using CostOps.TestSupport.Digest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CostOps.Infrastructure.Tests.Digest;

[Collection(AzuriteFixture.CollectionName)]
public sealed class DigestRegistrationTests(AzuriteFixture azurite)
{
    private ServiceProvider Provider(Dictionary<string, string?>? extra = null)
    {
        var catalog = Path.Combine(Path.GetTempPath(), $"costops-catalog-{Guid.NewGuid():N}.json");
        File.WriteAllText(catalog, StoredDigestWeek.CatalogJson);
        var settings = new Dictionary<string, string?>
        {
            ["CostOps:Storage:ConnectionString"] = azurite.ConnectionString,
            ["CostOps:Storage:TablePrefix"] = "t" + Guid.NewGuid().ToString("N")[..10],
            ["CostOps:Catalog:Path"] = catalog,
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCostOps(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void AddCostOps_WiresTheDigestToTheTables_AndRegistersTheWeeklyDigestTimer()
    {
        using var provider = Provider();

        Assert.IsType<DigestReader>(provider.GetRequiredService<DigestReader>());
        Assert.IsType<TableDigestPostLog>(provider.GetRequiredService<IDigestPostLog>());
        Assert.Contains(new ScheduledJobRegistration("WeeklyDigest", typeof(WeeklyDigestJob)), provider.GetServices<ScheduledJobRegistration>());
        Assert.Equal("WeeklyDigest", provider.GetRequiredService<WeeklyDigestJob>().FunctionName);
        Assert.Contains("DigestPosts", provider.GetRequiredService<CostOpsTables>().Names.All.Select(n => n[11..]));
    }

    [Fact]
    public void AGraphTransport_GetsTheManagedIdentityCredential_WithoutAnyOtherRegistration()
    {
        using var provider = Provider(new()
        {
            ["CostOps:Digest:GraphMailbox"] = "costops@contoso.com",
            ["CostOps:Digest:Recipients:0"] = "finops@contoso.com",
        });

        Assert.Equal(["graph-mail"], provider.GetRequiredService<DigestPublisher>().TransportNames);
    }
}
