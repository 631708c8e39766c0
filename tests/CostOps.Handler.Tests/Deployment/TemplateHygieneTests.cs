using CostOps.TestSupport;

namespace CostOps.Handler.Tests.Deployment;

/// <summary>No secret in the templates, and every parameter explains itself.</summary>
public sealed class TemplateHygieneTests
{
    /// <summary>Text that only appears where a key, connection string or SAS is being built or carried.</summary>
    private static readonly string[] s_secretMarkers =
    [
        "DefaultEndpointsProtocol=",
        "AccountKey=",
        "listKeys(",
        "listAccountSas(",
        "listServiceSas(",
        "SharedAccessSignature",
        "sig=",
        "InstrumentationKey=",
        "connectionStrings(",
    ];

    public static TheoryData<string> DeploymentTextFiles()
    {
        var files = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(RepositoryRoot.Combine("bicep"), "*", SearchOption.AllDirectories)
            .Append(RepositoryRoot.Combine("infra", "parameters.example.json"))
            .Order(StringComparer.Ordinal))
        {
            files.Add(Path.GetRelativePath(RepositoryRoot.Path, path).Replace('\\', '/'));
        }
        return files;
    }

    [Theory]
    [MemberData(nameof(DeploymentTextFiles))]
    public void TheTemplate_CarriesNoConnectionStringAccountKeySasOrSecretValue(string file)
    {
        var text = File.ReadAllText(RepositoryRoot.Combine(file));

        foreach (var marker in s_secretMarkers)
        {
            Assert.False(text.Contains(marker, StringComparison.OrdinalIgnoreCase), $"{file} contains '{marker}'");
        }
    }

    [Fact]
    public void TheStorageAccount_RefusesSharedKeysPublicBlobsOldTlsAndPlainHttp()
    {
        var storage = DeploymentFiles.Bicep("modules", "storage.bicep").Code;

        Assert.Equal("false", BicepText.Property(storage, "allowSharedKeyAccess"));
        Assert.Equal("false", BicepText.Property(storage, "allowBlobPublicAccess"));
        Assert.Equal("'TLS1_2'", BicepText.Property(storage, "minimumTlsVersion"));
        Assert.Equal("true", BicepText.Property(storage, "supportsHttpsTrafficOnly"));
        Assert.Equal("'None'", BicepText.Property(storage, "publicAccess"));
    }

    [Fact]
    public void TheVault_UsesAzureRbac_AndTelemetry_UsesEntraIdOnly()
    {
        Assert.Equal("true", BicepText.Property(DeploymentFiles.Bicep("modules", "keyvault.bicep").Code, "enableRbacAuthorization"));
        Assert.Equal("true", BicepText.Property(DeploymentFiles.Bicep("modules", "monitoring.bicep").Code, "DisableLocalAuth"));
        Assert.Contains("Authorization=AAD", DeploymentFiles.AppSettings()["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
    }

    [Fact]
    public void OneUserAssignedIdentity_RunsTheApp()
    {
        var app = DeploymentFiles.FunctionApp.Code;
        Assert.Equal("'UserAssigned'", BicepText.Property(app[app.IndexOf("identity: {", StringComparison.Ordinal)..], "type"));
        Assert.Single(DeploymentFiles.AllBicep(), file => file.Value.Mentions("'Microsoft.ManagedIdentity/userAssignedIdentities@"));
        Assert.DoesNotContain(DeploymentFiles.AllBicep(), file => file.Value.Mentions("SystemAssigned'"));
    }

    [Fact]
    public void EveryParameter_HasADescription_AndNoSecureParameterHasADefault()
    {
        foreach (var (file, bicep) in DeploymentFiles.AllBicep())
        {
            foreach (var parameter in bicep.Parameters())
            {
                Assert.True(parameter.Decorators.Contains("@description(", StringComparison.Ordinal), $"{file}: param {parameter.Name} has no @description");
                Assert.False(
                    parameter.Decorators.Contains("@secure()", StringComparison.Ordinal) && parameter.Default is not null,
                    $"{file}: secure param {parameter.Name} has a default");
            }
        }
    }
}
