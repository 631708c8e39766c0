using CostOps.Application.Autopilot;
using CostOps.Deployment.Tests.Binding;
using Microsoft.Extensions.Options;
using NCrontab;

namespace CostOps.Deployment.Tests;

/// <summary>
/// The strongest check of the templates: exactly the app settings a deployment writes, fed to the real
/// composition root, start the app; and every one of them is read by something (CostOps' options, the
/// Functions host, a timer's schedule), so a misspelt or orphaned setting fails here, not at 01:30 in Azure.
/// </summary>
public sealed class AppSettingsBindingTests
{
    /// <summary>The test catalog for a deployment: the script example's sources are all used by workloads.json.</summary>
    private static string CatalogFor(string deployment) => deployment is nameof(Deployments.ScriptExample) or nameof(Deployments.Variant)
        ? "workloads.json"
        : "workloads-without-telemetry.json";

    [Theory]
    [MemberData(nameof(Deployments.All), MemberType = typeof(Deployments))]
    public async Task TheAppStarts_WithExactlyTheAppSettingsTheDeploymentWrites(string deployment)
    {
        using var worker = WorkerEnvironment.Of(Deployments.Named(deployment), CatalogFor(deployment));

        var app = await CostOpsStartup.StartAsync(worker.Settings);

        Assert.True(app.Workloads > 0);
        Assert.Equal(Deployments.Named(deployment).AppSettings().Count(s => s.Key.StartsWith("CostOps__Sources__", StringComparison.Ordinal) && s.Key.EndsWith("__Name", StringComparison.Ordinal)), app.Sources.Count);
    }

    [Theory]
    [MemberData(nameof(Deployments.All), MemberType = typeof(Deployments))]
    public async Task EveryAppSetting_IsReadByTheAppTheHostOrATimer(string deployment)
    {
        using var worker = WorkerEnvironment.Of(Deployments.Named(deployment), CatalogFor(deployment));
        var app = await CostOpsStartup.StartAsync(worker.Settings);

        var unread = Unread(worker.Settings, app);

        Assert.True(unread.Count == 0, "app settings nothing reads (misspelt, or a field the options do not have):\n" + string.Join('\n', unread));
    }

    [Fact]
    public async Task ASettingNothingBinds_IsReported_ByName()
    {
        using var worker = WorkerEnvironment.Of(Deployments.ScriptExample, "workloads.json", settings =>
        {
            settings["CostOps__Storage__TablePrefx"] = "dev";
            settings["CostOps__Sources__0__ApiKeySettings"] = "OpenAiAdminKey";
            settings["CostOps__Digest__WebhookURI"] = "https://example.invalid/hook";
        });
        var app = await CostOpsStartup.StartAsync(worker.Settings);

        Assert.Equal(
            ["CostOps__Digest__WebhookURI", "CostOps__Sources__0__ApiKeySettings", "CostOps__Storage__TablePrefx"],
            Unread(worker.Settings, app));
    }

    [Fact]
    public async Task AnEmptyConfiguration_DoesNotStart_AndSaysWhichKeysAreMissing()
    {
        // The control for the tests above: starting really runs the start-up validation.
        var failures = await StartupFailures(new Dictionary<string, string>());

        Assert.Contains("CostOps:Storage:ConnectionString or CostOps:Storage:TableEndpoint is required", failures);
        Assert.Contains("CostOps:Catalog:Path is required (the workload catalog JSON file)", failures);
    }

    [Fact]
    public async Task AKeyVaultReferenceLeftUnresolved_StopsTheApp_NamingItsSetting()
    {
        // What happens when a referenced secret is missing: App Service passes the reference text through.
        // This is why infra/deploy.sh refuses to deploy the package until every referenced secret exists.
        var deployed = Deployments.ScriptExample.AppSettings();
        using var worker = WorkerEnvironment.Of(Deployments.ScriptExample, "workloads.json");
        var settings = new Dictionary<string, string>(worker.Settings, StringComparer.OrdinalIgnoreCase)
        {
            ["CostOps__Digest__WebhookUrl"] = deployed["CostOps__Digest__WebhookUrl"],
        };

        var failures = await StartupFailures(settings);

        Assert.Contains(failures, message => message.StartsWith("CostOps:Digest:WebhookUrl must be an absolute https URL", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, message => message.Contains("@Microsoft.KeyVault", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheAppUsesTheTablesTheTemplateCreates_InTheAccountItCreates_WithTheTablePrefix()
    {
        foreach (var deployment in new[] { Deployments.ScriptExample, Deployments.Variant })
        {
            using var worker = WorkerEnvironment.Of(deployment, "workloads.json");
            var app = await CostOpsStartup.StartAsync(worker.Settings);

            var account = deployment.Single("Microsoft.Storage/storageAccounts");
            var created = deployment.OfType("Microsoft.Storage/storageAccounts/tableServices/tables")
                .Select(table => ((string)table["name"]!).Split('/')[^1])
                .Order(StringComparer.Ordinal);
            Assert.Equal(app.Tables.Order(StringComparer.Ordinal), created);
            Assert.Equal($"{(string)account["name"]!}.table.core.windows.net", app.TableEndpoint.Host);
        }
        Assert.All(Deployments.Variant.OfType("Microsoft.Storage/storageAccounts/tableServices/tables"), table =>
            Assert.StartsWith(Deployments.VariantTablePrefix, ((string)table["name"]!).Split('/')[^1], StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Deployments.All), MemberType = typeof(Deployments))]
    public void EveryTimerSchedule_IsAnAppSetting_HoldingASixFieldNcrontabExpression(string deployment)
    {
        var settings = Deployments.Named(deployment).AppSettings();
        var schedules = SettingReaders.TimerScheduleSettings();
        Assert.NotEmpty(schedules);

        foreach (var schedule in schedules)
        {
            Assert.True(settings.TryGetValue(schedule, out var expression), $"a timer function uses %{schedule}%, which the deployment does not set");
            var parsed = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
            Assert.True(parsed is not null, $"{schedule} = '{expression}' is not a six-field NCRONTAB expression");
        }
    }

    [Fact]
    public void TheDefaultAutopilotSchedule_IsTheOneTheCodeDocuments()
    {
        Assert.Equal(AutopilotOptions.DefaultSchedule, Deployments.Defaults.AppSettings()["AutopilotSchedule"]);
    }

    [Fact]
    public void EveryPlatformSettingTheTestAllows_IsWrittenBySomeDeployment()
    {
        // Keeps the allowance list honest: a platform setting the templates stop writing leaves the list.
        var written = Deployments.ScriptExample.AppSettings().Keys.Concat(Deployments.Variant.AppSettings().Keys).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.All(SettingReaders.Platform.Keys, name => Assert.Contains(name, written));
    }

    /// <summary>The validation messages the app stops on (one options type fails alone, several together).</summary>
    private static async Task<IReadOnlyList<string>> StartupFailures(IReadOnlyDictionary<string, string> settings)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => CostOpsStartup.StartAsync(settings));
        var validations = failure is AggregateException aggregate ? aggregate.InnerExceptions : [failure];
        Assert.All(validations, exception => Assert.IsType<OptionsValidationException>(exception));
        return [.. validations.OfType<OptionsValidationException>().SelectMany(exception => exception.Failures)];
    }

    private static List<string> Unread(IReadOnlyDictionary<string, string> settings, StartedApp app)
    {
        var schedules = SettingReaders.TimerScheduleSettings().ToHashSet(StringComparer.Ordinal);
        return
        [
            .. settings.Keys
                .Where(name => !app.Configuration.WasRead(name) && !SettingReaders.Platform.ContainsKey(name) && !schedules.Contains(name))
                .Order(StringComparer.Ordinal),
        ];
    }
}
