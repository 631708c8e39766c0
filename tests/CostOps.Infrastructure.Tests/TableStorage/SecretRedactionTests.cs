using Azure;
using CostOps.Infrastructure.TableStorage;
using CostOps.TestSupport.Azurite;

namespace CostOps.Infrastructure.Tests.TableStorage;

[Collection(AzuriteFixture.CollectionName)]
public sealed class SecretRedactionTests(AzuriteFixture azurite)
{
    // A well-formed key that is not the development account's, so Azurite rejects it.
    private const string WrongKey = "d3Jvbmcta2V5LXRoYXQtbXVzdC1uZXZlci1iZS1wcmludGVkLTAxMjM0NTY3ODk=";

    [Fact]
    public async Task AccountKey_NeverAppearsInTheExceptionOfARejectedRequest()
    {
        var connectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={WrongKey};TableEndpoint={azurite.TableEndpoint};";
        var table = new TableServiceClient(connectionString).GetTableClient(AzuriteFixture.UniqueTableName());

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.CreateIfNotExistsAsync());

        Assert.Equal(403, error.Status);
        Assert.Equal("AuthorizationFailure", error.ErrorCode);
        Assert.DoesNotContain(WrongKey, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccountKey=" + WrongKey)]
    [InlineData("AccountName=a;AccountKey=" + WrongKey + ";TableEndpoint=nope")]
    [InlineData("AccountName=a;AccountKey=" + WrongKey + ";DefaultEndpointsProtocol=gopher")]
    [InlineData("AccountName=a;AccountKey=not-base64-" + WrongKey)]
    [InlineData("AccountName=a;" + WrongKey + ";")]
    public void AccountKey_NeverAppearsInAConnectionStringError(string connectionString)
    {
        var error = Assert.Throws<ArgumentException>(() => new TableServiceClient(connectionString));

        Assert.DoesNotContain(WrongKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Credential_PrintsTheAccountNameOnly()
    {
        var credential = new TableSharedKeyCredential("costops", WrongKey);

        Assert.Equal("TableSharedKeyCredential(costops)", credential.ToString());
    }
}
