using System.Text.Json.Nodes;
using CostOps.Deployment.Tests.Bicep;

namespace CostOps.Deployment.Tests;

/// <summary>The Flex Consumption app, its plan and the resources it runs on, as the deployment creates them.</summary>
public sealed class FunctionAppTests
{
    /// <summary>
    /// App settings Flex Consumption does not support or that belong to other plans (Azure Functions docs,
    /// "Flex Consumption plan: deprecated properties and settings"; WEBSITE_TIME_ZONE is unsupported on Linux plans).
    /// </summary>
    private static readonly string[] s_notOnFlexConsumption =
    [
        "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_WORKER_RUNTIME_VERSION", "FUNCTIONS_EXTENSION_VERSION",
        "FUNCTIONS_MAX_HTTP_CONCURRENCY", "FUNCTIONS_WORKER_PROCESS_COUNT", "FUNCTIONS_WORKER_DYNAMIC_CONCURRENCY_ENABLED",
        "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTSHARE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTOVERVNET",
        "WEBSITE_NODE_DEFAULT_VERSION", "WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT", "WEBSITE_SKIP_CONTENTSHARE_VALIDATION",
        "WEBSITE_VNET_ROUTE_ALL", "WEBSITE_DNS_SERVER", "SCM_DO_BUILD_DURING_DEPLOYMENT", "ENABLE_ORYX_BUILD",
        "WEBSITE_TIME_ZONE", "TZ", "AzureWebJobsStorage", "AzureWebJobsStorage__accountName",
    ];

    private static JsonObject Site(DeploymentSnapshot deployment) => deployment.Single("Microsoft.Web/sites");

    private static string IdentityId(DeploymentSnapshot deployment) => (string)deployment.Single("Microsoft.ManagedIdentity/userAssignedIdentities")["id"]!;

    [Theory]
    [MemberData(nameof(Deployments.All), MemberType = typeof(Deployments))]
    public void TheApp_RunsTheDotnetIsolatedWorker10_OnFlexConsumption(string name)
    {
        var deployment = Deployments.Named(name);
        var site = Site(deployment);
        var plan = deployment.Single("Microsoft.Web/serverfarms");

        Assert.Equal("dotnet-isolated", (string?)site["properties"]!["functionAppConfig"]!["runtime"]!["name"]);
        Assert.Equal("10.0", (string?)site["properties"]!["functionAppConfig"]!["runtime"]!["version"]);
        Assert.Equal("functionapp,linux", (string?)site["kind"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal(true, (bool?)plan["properties"]!["reserved"]);
        Assert.Equal((string)plan["id"]!, (string?)site["properties"]!["serverFarmId"]);
        Assert.Equal(true, (bool?)site["properties"]!["httpsOnly"]);
    }

    [Theory]
    [MemberData(nameof(Deployments.All), MemberType = typeof(Deployments))]
    public void NoSettingFlexConsumptionRejectsOrIgnores_IsWritten(string name)
    {
        var settings = Deployments.Named(name).AppSettings();

        Assert.All(s_notOnFlexConsumption, setting => Assert.False(settings.ContainsKey(setting), $"{setting} is not supported on Flex Consumption (or is a connection string)"));
    }

    [Theory]
    [MemberData(nameof(Deployments.All), MemberType = typeof(Deployments))]
    public void OneUserAssignedIdentity_RunsTheApp_ReadsItsPackage_AndResolvesItsKeyVaultReferences(string name)
    {
        var deployment = Deployments.Named(name);
        var site = Site(deployment);
        var identity = IdentityId(deployment);
        var storage = site["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;
        var account = (string)deployment.Single("Microsoft.Storage/storageAccounts")["name"]!;
        var container = deployment.Single("Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.Single(deployment.OfType("Microsoft.ManagedIdentity/userAssignedIdentities"));
        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);
        Assert.Equal([identity], site["identity"]!["userAssignedIdentities"]!.AsObject().Select(p => p.Key));
        Assert.Equal(identity, (string?)site["properties"]!["keyVaultReferenceIdentity"]);
        Assert.Equal("blobContainer", (string?)storage["type"]);
        Assert.Equal($"https://{account}.blob.core.windows.net/{((string)container["name"]!).Split('/')[^1]}", DeploymentSnapshot.Evaluate(storage["value"]));
        Assert.Equal("UserAssignedIdentity", (string?)storage["authentication"]!["type"]);
        Assert.Equal(identity, (string?)storage["authentication"]!["userAssignedIdentityResourceId"]);
        Assert.Equal("None", (string?)container["properties"]!["publicAccess"]);
    }

    [Theory]
    [MemberData(nameof(Deployments.All), MemberType = typeof(Deployments))]
    public void HostStorage_IsReachedWithTheIdentity_QueuesOnlyWhenGranted(string name)
    {
        var deployment = Deployments.Named(name);
        var settings = deployment.AppSettings();
        var account = (string)deployment.Single("Microsoft.Storage/storageAccounts")["name"]!;
        var queues = deployment == Deployments.Variant;

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal(PlatformValues.IdentityClientId, settings["AzureWebJobsStorage__clientId"]);
        Assert.Equal($"https://{account}.blob.core.windows.net/", settings["AzureWebJobsStorage__blobServiceUri"]);
        Assert.Equal(queues, settings.ContainsKey("AzureWebJobsStorage__queueServiceUri"));
        if (queues)
        {
            Assert.Equal($"https://{account}.queue.core.windows.net/", settings["AzureWebJobsStorage__queueServiceUri"]);
        }
    }

    [Theory]
    [MemberData(nameof(Deployments.All), MemberType = typeof(Deployments))]
    public void Telemetry_GoesToApplicationInsightsWithLocalAuthOff_AuthenticatedAsTheIdentity(string name)
    {
        var deployment = Deployments.Named(name);
        var settings = deployment.AppSettings();
        var component = deployment.Single("Microsoft.Insights/components");

        Assert.Equal(true, (bool?)component["properties"]!["DisableLocalAuth"]);
        Assert.Equal((string)deployment.Single("Microsoft.OperationalInsights/workspaces")["id"]!, (string?)component["properties"]!["WorkspaceResourceId"]);
        Assert.Equal(PlatformValues.Reference((string)component["id"]!)["ConnectionString"]!.GetValue<string>(), settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.Equal($"ClientId={PlatformValues.IdentityClientId};Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Contains(deployment.RoleGrants(), grant =>
            grant.Scope == (string)component["id"]! && grant.RoleId == Roles.MonitoringMetricsPublisher && grant.PrincipalId == PlatformValues.IdentityPrincipalId);
    }

    [Fact]
    public void TheSecrets_AreKeyVaultReferencesToThisDeploymentsVault_InTheShapeTheOptionsBind()
    {
        var deployment = Deployments.ScriptExample;
        var settings = deployment.AppSettings();
        var vaultUri = $"https://{(string)deployment.Single("Microsoft.KeyVault/vaults")["name"]!}.vault.azure.net/";

        var references = settings
            .Select(setting => (setting.Key, Reference: DeploymentSnapshot.KeyVaultReferenceIn(setting.Value)))
            .Where(setting => setting.Reference is not null)
            .ToDictionary(setting => setting.Key, setting => setting.Reference!);

        // An admin key is the value of the setting its source's ApiKeySetting names; the webhook is bound directly.
        Assert.Equal(["AnthropicAdminKey", "CostOps__Digest__WebhookUrl", "OpenAiAdminKey"], references.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("OpenAiAdminKey", settings["CostOps__Sources__0__ApiKeySetting"]);
        Assert.Equal("AnthropicAdminKey", settings["CostOps__Sources__1__ApiKeySetting"]);
        Assert.All(references.Values, reference =>
        {
            Assert.Equal(vaultUri, reference.VaultUri);
            Assert.Null(reference.Version);
        });
        Assert.Equal(
            references.Values.Select(r => r.Secret).Order(StringComparer.Ordinal),
            deployment.Outputs["keyVaultSecretNames"]!.AsArray().Select(n => (string)n!).Order(StringComparer.Ordinal));
        Assert.Empty(deployment.Outputs["unsetApiKeySettings"]!.AsArray());
    }

    [Fact]
    public void AnApiKeySettingNamingNoAppSetting_IsReportedByTheDeployment()
    {
        var parameters = Deployments.ScriptExampleParameters();
        parameters["keyVaultSecrets"]!.AsObject().Remove("AnthropicAdminKey");

        var deployment = DeploymentSnapshot.Of(parameters);

        Assert.Equal(["AnthropicAdminKey"], deployment.Outputs["unsetApiKeySettings"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public void TheStorageAccount_RefusesSharedKeysPublicBlobsOldTlsAndPlainHttp()
    {
        var account = Deployments.Defaults.Single("Microsoft.Storage/storageAccounts")["properties"]!;

        Assert.Equal(false, (bool?)account["allowSharedKeyAccess"]);
        Assert.Equal(false, (bool?)account["allowBlobPublicAccess"]);
        Assert.Equal(true, (bool?)account["defaultToOAuthAuthentication"]);
        Assert.Equal("TLS1_2", (string?)account["minimumTlsVersion"]);
        Assert.Equal(true, (bool?)account["supportsHttpsTrafficOnly"]);
    }

    [Fact]
    public void TheVault_UsesAzureRbac_WithSoftDeleteAndPurgeProtection()
    {
        var vault = Deployments.Defaults.Single("Microsoft.KeyVault/vaults")["properties"]!;

        Assert.Equal(true, (bool?)vault["enableRbacAuthorization"]);
        Assert.Equal(true, (bool?)vault["enableSoftDelete"]);
        Assert.Equal(true, (bool?)vault["enablePurgeProtection"]);
        Assert.Null(vault["accessPolicies"]);
    }

    [Fact]
    public void TheIdentity_CarriesTheTagUninstallFindsItBy()
    {
        var identity = Deployments.Defaults.Single("Microsoft.ManagedIdentity/userAssignedIdentities");

        Assert.Equal("app-identity", (string?)identity["tags"]!["costops-role"]);
    }
}
