using CostOps.Application.Catalog;
using CostOps.Application.Digest;
using CostOps.Infrastructure.TableStorage.Stores;
using NCrontab;

namespace CostOps.Handler.Tests.Deployment;

/// <summary>The Bicep app settings against what the code and the function folders need.</summary>
public sealed class AppSettingsCrossCheckTests
{
    private static readonly IReadOnlyDictionary<string, string> s_appSettings = DeploymentFiles.AppSettings();

    [Fact]
    public void RequiredSettings_AreDiscovered_FromTheStartupValidatorsOfTheCompositionRoot()
    {
        Assert.NotEmpty(RequiredSettings.RegistrationMethods());
        var requirements = RequiredSettings.Discover();

        // An empty configuration must fail somewhere, or the discovery is not looking at the real validators.
        Assert.NotEmpty(requirements);
        Assert.All(requirements, requirement => Assert.True(requirement.Keys.Count > 0, $"a start-up failure names no CostOps key: {requirement.Message}"));
    }

    [Fact]
    public void EverySettingTheHandlerRequires_IsAnAppSetting()
    {
        var missing = RequiredSettings.Discover()
            .Where(requirement => !requirement.Keys.Any(key => s_appSettings.ContainsKey(RequiredSettings.AppSettingName(key))))
            .Select(requirement => requirement.Message)
            .ToList();

        Assert.True(missing.Count == 0, "bicep/main.bicep sets none of the keys these start-up checks require:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void EveryPlaceholderInAFunctionJson_IsAnAppSetting()
    {
        var missing = DeploymentFiles.FunctionFolders()
            .SelectMany(function => DeploymentFiles.Placeholders(function).Select(setting => (function, setting)))
            .Where(use => !s_appSettings.ContainsKey(use.setting))
            .Select(use => $"functions/{use.function}/function.json uses %{use.setting}%")
            .ToList();

        Assert.True(missing.Count == 0, "not set by bicep/main.bicep (add them to defaultTimerSchedules or coreAppSettings):\n" + string.Join('\n', missing));
    }

    [Fact]
    public void EveryTimerSchedule_IsASixFieldNcrontabExpression()
    {
        var schedules = DeploymentFiles.FunctionFolders()
            .SelectMany(function => DeploymentFiles.FunctionJson(function).GetProperty("bindings").EnumerateArray())
            .Where(binding => binding.GetProperty("type").GetString() == "timerTrigger")
            .Select(binding => binding.GetProperty("schedule").GetString()!)
            .ToList();
        Assert.NotEmpty(schedules);

        foreach (var schedule in schedules)
        {
            var setting = schedule.Trim('%');
            var expression = BicepText.StringLiteral(s_appSettings[setting]);
            Assert.True(expression is not null, $"{setting} should default to a literal schedule");
            var parsed = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
            Assert.True(parsed is not null, $"{setting} = '{expression}' is not a six-field NCRONTAB expression");
        }
    }

    [Fact]
    public void TheStack_ComesFromFunctionAppConfig_AndNoTimeZoneSettingIsSet()
    {
        foreach (var unsupported in new[] { "WEBSITE_TIME_ZONE", "TZ", "FUNCTIONS_WORKER_RUNTIME" })
        {
            Assert.False(s_appSettings.ContainsKey(unsupported), $"{unsupported} is not supported on Flex Consumption");
        }
        Assert.Equal("'custom'", BicepText.Property(DeploymentFiles.FunctionApp.Code[DeploymentFiles.FunctionApp.Code.IndexOf("runtime: {", StringComparison.Ordinal)..], "name"));
    }

    [Fact]
    public void HostStorage_AndTheCostOpsTables_AreReachedWithTheManagedIdentityOnly()
    {
        Assert.Equal("'managedidentity'", s_appSettings["AzureWebJobsStorage__credential"]);
        Assert.Contains("identity.outputs.clientId", s_appSettings["AzureWebJobsStorage__clientId"], StringComparison.Ordinal);
        Assert.True(s_appSettings.ContainsKey("AzureWebJobsStorage__accountName"));
        Assert.False(s_appSettings.ContainsKey("AzureWebJobsStorage"), "a plain AzureWebJobsStorage setting is a connection string");

        var storage = StorageOptions.Section + ":";
        Assert.False(s_appSettings.ContainsKey(RequiredSettings.AppSettingName(storage + nameof(StorageOptions.ConnectionString))));
        Assert.Contains("tableEndpoint", s_appSettings[RequiredSettings.AppSettingName(storage + nameof(StorageOptions.TableEndpoint))], StringComparison.Ordinal);
        Assert.Contains("identity.outputs.clientId", s_appSettings[RequiredSettings.AppSettingName(storage + nameof(StorageOptions.ManagedIdentityClientId))], StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_AreKeyVaultReferences_ResolvedWithTheUserAssignedIdentity()
    {
        var webhook = RequiredSettings.AppSettingName(DigestOptions.SectionName + ":" + nameof(DigestOptions.WebhookUrl));
        Assert.Contains(DeploymentFiles.Main.ObjectEntries("keyVaultSecrets"), entry => entry.Key == webhook);
        Assert.True(DeploymentFiles.Main.ObjectEntries("coreAppSettings").All(entry => !entry.Key.Equals(webhook, StringComparison.OrdinalIgnoreCase)));

        var app = DeploymentFiles.FunctionApp;
        Assert.True(app.Mentions("'@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/"), "secret settings should be Key Vault references");
        Assert.Equal("identityId", BicepText.Property(app.Code, "keyVaultReferenceIdentity"));
        Assert.Equal("'UserAssignedIdentity'", BicepText.Property(app.Code[app.Code.IndexOf("authentication:", StringComparison.Ordinal)..], "type"));
    }

    [Fact]
    public void TheSettingObjects_AreTheOnesPassedToTheFunctionApp()
    {
        var main = DeploymentFiles.Main.Code;
        var functionApp = main[main.IndexOf("module functionApp ", StringComparison.Ordinal)..];
        var appSettings = BicepText.Property(functionApp, "appSettings")!;
        Assert.Contains("coreAppSettings", appSettings, StringComparison.Ordinal);
        Assert.Contains("defaultTimerSchedules", appSettings, StringComparison.Ordinal);
        Assert.Equal("keyVaultSecrets", BicepText.Property(functionApp, "keyVaultSecretSettings"));

        var settings = DeploymentFiles.FunctionApp.Code;
        var properties = BicepText.Property(settings[settings.IndexOf("name: 'appsettings'", StringComparison.Ordinal)..], "properties");
        Assert.Equal("union(appSettings, secretReferences)", properties);
    }

    [Fact]
    public void TheCatalogPath_IsARelativePathInsideThePackage()
    {
        var parameter = DeploymentFiles.Main.Parameters().Single(p => p.Name == "catalogPath");
        var path = BicepText.StringLiteral(parameter.Default!);

        Assert.False(string.IsNullOrWhiteSpace(path));
        Assert.False(Path.IsPathRooted(path), "the handler runs in the app root, so the catalog path is relative to the package");
        Assert.Equal("catalogPath", s_appSettings[RequiredSettings.AppSettingName(CatalogOptions.Section + ":" + nameof(CatalogOptions.Path))]);
    }

    [Fact]
    public void TheAutopilotMode_DefaultsToTheSafeModeTheCatalogDefaultsTo_AndAllowsOnlyKnownModes()
    {
        var parameter = DeploymentFiles.Main.Parameters().Single(p => p.Name == "autopilotMode");

        Assert.Equal(AutopilotSettings.Default.Mode, BicepText.StringLiteral(parameter.Default!));
        Assert.Equal(AutopilotSettings.Modes, BicepText.StringLiterals(parameter.Decorators[parameter.Decorators.IndexOf("@allowed", StringComparison.Ordinal)..]));
        Assert.Equal("autopilotMode", s_appSettings["CostOps__Autopilot__Mode"]);
    }

    [Fact]
    public void TheTablesTheTemplateCreates_AreTheTablesTheCodeUses()
    {
        var created = DeploymentFiles.Main.ArrayStrings("costOpsTables");

        Assert.Equal(new CostOpsTableNames().All.Order(StringComparer.Ordinal), created.Order(StringComparer.Ordinal));
        Assert.Equal("tablePrefix", s_appSettings[RequiredSettings.AppSettingName(StorageOptions.Section + ":" + nameof(StorageOptions.TablePrefix))]);
    }
}
