using Azure;
using CostOps.Infrastructure.TableStorage;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport.Azurite;

namespace CostOps.Infrastructure.Tests.TableStorage;

[Collection(AzuriteFixture.CollectionName)]
public sealed class SecretRedactionTests(AzuriteFixture azurite)
{
    // A well-formed key that is not the development account's, so Azurite rejects it.
    private const string WrongKey = "d3Jvbmcta2V5LXRoYXQtbXVzdC1uZXZlci1iZS1wcmludGVkLTAxMjM0NTY3ODk=";

    // The key without its padding: Azure.Data.Tables' own parser repeats a bare segment that way.
    private static readonly string WrongKeyText = WrongKey.TrimEnd('=');

    [Fact]
    public async Task AccountKey_NeverAppearsInTheExceptionOfARejectedRequest()
    {
        var connectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={WrongKey};TableEndpoint={azurite.TableEndpoint};";
        var table = TableStorageClients.CreateService(new StorageOptions { ConnectionString = connectionString }).GetTableClient(AzuriteFixture.UniqueTableName());

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.CreateIfNotExistsAsync());

        Assert.Equal(403, error.Status);
        Assert.DoesNotContain(WrongKeyText, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccountKey=" + WrongKey)]
    [InlineData("AccountName=a;AccountKey=" + WrongKey + ";TableEndpoint=nope")]
    [InlineData("AccountName=a;AccountKey=" + WrongKey + ";DefaultEndpointsProtocol=gopher")]
    [InlineData("AccountName=a;AccountKey=not-base64-" + WrongKey)]
    [InlineData("AccountName=a;" + WrongKey + ";")]
    public void AccountKey_NeverAppearsInAConnectionStringError(string connectionString)
    {
        var error = Assert.Throws<ArgumentException>(() => TableStorageClients.CreateService(new StorageOptions { ConnectionString = connectionString }));

        Assert.DoesNotContain(WrongKeyText, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheStartUpCheck_RejectsAConnectionStringWithoutRepeatingTheKey()
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { ConnectionString = "AccountName=a;" + WrongKey + ";" });

        Assert.True(result.Failed);
        Assert.Contains("CostOps:Storage:ConnectionString", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKeyText, result.FailureMessage, StringComparison.Ordinal);
    }
}
