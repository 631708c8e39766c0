using System.Text.Json;
using System.Text.RegularExpressions;
using CostOps.Application.Autopilot;
using CostOps.Deployment.Tests.Bicep;
using CostOps.Infrastructure.Telemetry;
using CostOps.TestSupport;

namespace CostOps.Deployment.Tests;

/// <summary>The templates as the real Bicep compiler builds and lints them, and the ARM JSON it writes.</summary>
public sealed partial class TemplateCompilationTests
{
    [Fact]
    public void TheTemplates_LintWithoutAWarning()
    {
        // bicep lint checks main.bicep and every module it uses; false positives are suppressed where they occur, with a reason.
        var run = BicepCli.Run("lint", RepositoryRoot.Combine("bicep", "main.bicep"));

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Empty(BicepCli.Diagnostics(run));
    }

    [Fact]
    public void TheTemplates_BuildToArmJson()
    {
        var template = CompiledTemplate.Main;

        Assert.Equal("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", (string?)template.Root["$schema"]);
        var modules = template.Templates().Select(t => t.Module).ToList();
        Assert.Subset(modules.ToHashSet(), new HashSet<string> { "main", "costops-identity", "costops-storage", "costops-monitoring", "costops-keyvault", "costops-functionapp" });
    }

    [Fact]
    public void EveryLintSuppression_SaysWhy_OnTheLinesAboveIt()
    {
        var suppressions = 0;
        foreach (var file in Directory.GetFiles(RepositoryRoot.Combine("bicep"), "*.bicep", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].TrimStart().StartsWith("#disable", StringComparison.Ordinal))
                {
                    continue;
                }
                suppressions++;
                Assert.StartsWith("#disable-next-line ", lines[i].TrimStart(), StringComparison.Ordinal);
                var above = lines.Take(i).Reverse().TakeWhile(line => line.TrimStart().StartsWith('@') || line.TrimStart().StartsWith("//", StringComparison.Ordinal) || line.TrimStart().StartsWith(']') || line.StartsWith("  ", StringComparison.Ordinal));
                Assert.True(above.Any(line => line.TrimStart().StartsWith("//", StringComparison.Ordinal)), $"{Path.GetFileName(file)}:{i + 1} suppresses a lint rule without a comment saying why");
            }
        }
        Assert.True(suppressions > 0, "the suppressions this test guards were not found");
    }

    [Fact]
    public void EveryParameter_HasADescription_AndNoSecureParameterHasADefault()
    {
        foreach (var (module, template) in CompiledTemplate.Main.Templates())
        {
            foreach (var (name, definition) in CompiledTemplate.Parameters(template))
            {
                Assert.False(string.IsNullOrWhiteSpace((string?)definition["metadata"]?["description"]), $"{module}: parameter {name} has no @description");
                var secure = (string?)definition["type"] is "securestring" or "secureObject" or "secureString";
                Assert.False(secure && definition.ContainsKey("defaultValue"), $"{module}: secure parameter {name} has a default");
            }
        }
    }

    [Fact]
    public void TheOnlyGuidsInTheTemplates_AreTheBuiltInRoleIdsOfRolesJson()
    {
        using var roles = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("bicep", "roles.json")));
        var roleIds = roles.RootElement.EnumerateObject().Select(role => role.Value.GetString()!).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var guids = GuidLiteral().Matches(CompiledTemplate.Main.Text).Select(m => m.Value).Distinct().ToList();

        Assert.NotEmpty(guids);
        Assert.All(guids, guid => Assert.Contains(guid, roleIds));
    }

    [Fact]
    public void TheTelemetrySourceType_HasTheFieldsOfTheSourceOptions_AndIsSealed()
    {
        var type = CompiledTemplate.Main.Root["definitions"]!["telemetrySource"]!.AsObject();
        var fields = type["properties"]!.AsObject().Select(p => p.Key).ToList();
        // The files type reads local paths: it is for local runs, not for a deployment.
        var bindable = typeof(TelemetrySourceOptions).GetProperties().Select(p => p.Name).Except(["Path", "Format"]);

        Assert.Equal(bindable.Order(StringComparer.Ordinal), fields.Order(StringComparer.Ordinal));
        Assert.Equal(false, (bool?)type["additionalProperties"]);
        var types = type["properties"]!["Type"]!["allowedValues"]!.AsArray().Select(v => (string)v!);
        Assert.Equal(TelemetrySourceTypes.All.Except([TelemetrySourceTypes.Files]).Order(StringComparer.Ordinal), types.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AMisspeltSourceField_IsRefusedByTheCompiler_BeforeAnythingIsDeployed()
    {
        var parameters = Deployments.ScriptExampleParameters();
        parameters["telemetrySources"]!.AsArray()[0]!.AsObject().Add("ApiKeySettings", "OpenAiAdminKey");

        var run = DeploymentSnapshot.TryOf(parameters, out var snapshot);

        Assert.Null(snapshot);
        Assert.Contains(BicepCli.Diagnostics(run), d => d.Level == "Error" && d.Message.StartsWith("The property \"ApiKeySettings\" is not allowed", StringComparison.Ordinal));
    }

    [Fact]
    public void TheAutopilotMode_AllowsTheModesTheCodeKnows_AndDefaultsToTheCodesDefault()
    {
        var mode = CompiledTemplate.Main.Root["parameters"]!["autopilotMode"]!;

        Assert.Equal(AutopilotModes.All, mode["allowedValues"]!.AsArray().Select(v => (string)v!));
        Assert.Equal(new AutopilotOptions().Mode, (string?)mode["defaultValue"]);
    }

    [Fact]
    public void EveryParameterTheShippedFilesSet_IsATemplateParameter()
    {
        var declared = CompiledTemplate.Parameters(CompiledTemplate.Main.Root).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        foreach (var file in new[] { ParameterFiles.ScriptExample, ParameterFiles.Azd })
        {
            var set = ParameterFiles.Load(file, new Dictionary<string, string> { ["AZURE_PRINCIPAL_ID"] = Deployments.AzdPrincipalId });
            Assert.All(set.Select(p => p.Key), name => Assert.True(declared.Contains(name), $"{file} sets {name}, which bicep/main.bicep does not declare"));
        }
    }

    /// <summary>Text that only appears where a key, connection string or SAS is built or carried.</summary>
    public static TheoryData<string> SecretMarkers() =>
    [
        "DefaultEndpointsProtocol=", "AccountKey=", "listKeys(", "listAccountSas(", "listServiceSas(",
        "SharedAccessSignature", "sig=", "InstrumentationKey=", "connectionStrings(",
    ];

    [Theory]
    [MemberData(nameof(SecretMarkers))]
    public void NoTemplateOrParameterFile_CarriesAKeyConnectionStringOrSas(string marker)
    {
        var texts = new Dictionary<string, string>
        {
            ["compiled bicep/main.bicep"] = CompiledTemplate.Main.Text,
            [ParameterFiles.ScriptExample] = File.ReadAllText(RepositoryRoot.Combine(ParameterFiles.ScriptExample)),
            [ParameterFiles.Azd] = File.ReadAllText(RepositoryRoot.Combine(ParameterFiles.Azd)),
        };

        Assert.All(texts, text => Assert.False(text.Value.Contains(marker, StringComparison.OrdinalIgnoreCase), $"{text.Key} contains '{marker}'"));
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidLiteral();
}
