using CostOps.Infrastructure.TableStorage;
using CostOps.Infrastructure.TableStorage.Stores;

namespace CostOps.Infrastructure.Tests.TableStorage;

public sealed class ConnectionStringTests
{
    private const string Key = "c2VjcmV0LWFjY291bnQta2V5LXZhbHVlLTEyMzQ1Njc4OTA=";

    [Fact]
    public void UseDevelopmentStorage_PointsAtAzuriteOnItsDefaultPort()
    {
        var parsed = TableConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.TableEndpoint);
        Assert.Equal("devstoreaccount1", parsed.AccountName);
    }

    [Fact]
    public void FullConnectionString_WithTableEndpoint_UsesThatEndpoint()
    {
        var parsed = TableConnectionString.Parse($"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};TableEndpoint=http://127.0.0.1:12345/devstoreaccount1;");

        Assert.Equal(new Uri("http://127.0.0.1:12345/devstoreaccount1"), parsed.TableEndpoint);
        Assert.Equal("devstoreaccount1", parsed.AccountName);
    }

    [Fact]
    public void FullConnectionString_WithoutTableEndpoint_BuildsItFromProtocolAccountAndSuffix()
    {
        var parsed = TableConnectionString.Parse($"defaultendpointsprotocol=https; accountname=costops; accountkey={Key}; endpointsuffix=core.chinacloudapi.cn");

        Assert.Equal(new Uri("https://costops.table.core.chinacloudapi.cn"), parsed.TableEndpoint);
    }

    [Fact]
    public void FullConnectionString_WithoutSuffix_DefaultsToPublicAzure()
    {
        var parsed = TableConnectionString.Parse($"AccountName=costops;AccountKey={Key}");

        Assert.Equal(new Uri("https://costops.table.core.windows.net"), parsed.TableEndpoint);
    }

    [Fact]
    public void AValidConnectionString_GivesAClientForItsEndpoint()
    {
        var service = TableStorageClients.CreateService(new StorageOptions { ConnectionString = $"AccountName=costops;AccountKey={Key};TableEndpoint=http://127.0.0.1:12345/costops" });

        Assert.Equal(new Uri("http://127.0.0.1:12345/costops"), service.Uri);
        Assert.Equal("costops", service.AccountName);
    }

    [Theory]
    [InlineData("AccountKey=" + Key, "'AccountName' is missing")]
    [InlineData("AccountName=costops", "'AccountKey' is missing")]
    [InlineData("AccountName=costops;AccountKey=", "'AccountKey' is missing")]
    [InlineData("AccountName=costops;AccountKey=" + Key + ";TableEndpoint=not a uri", "'TableEndpoint' must be an absolute http or https URI")]
    [InlineData("AccountName=costops;AccountKey=" + Key + ";TableEndpoint=nope", "'TableEndpoint' must be an absolute http or https URI")]
    [InlineData("AccountName=costops;AccountKey=" + Key + ";DefaultEndpointsProtocol=ftp", "'DefaultEndpointsProtocol' must be 'http' or 'https'")]
    [InlineData("AccountName=costops;garbage;AccountKey=" + Key, "Segment 2 is not of the form 'Name=Value'")]
    [InlineData("UseDevelopmentStorage=false", "'UseDevelopmentStorage' must be 'true'")]
    [InlineData("TableEndpoint=https://x.table.core.windows.net;SharedAccessSignature=sv=2019", "'SharedAccessSignature' connection strings are not supported")]
    public void InvalidConnectionString_FailsNamingTheSetting_BeforeTheSdkSeesIt(string connectionString, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => TableStorageClients.CreateService(new StorageOptions { ConnectionString = connectionString }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal("connectionString", error.ParamName);
    }
}
