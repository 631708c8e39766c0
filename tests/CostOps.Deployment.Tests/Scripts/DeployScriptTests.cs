using CostOps.TestSupport;

namespace CostOps.Deployment.Tests.Scripts;

/// <summary>infra/deploy.sh, run against a fake az that records what it is asked and answers like Azure.</summary>
public sealed class DeployScriptTests : IDisposable
{
    private const string ResourceGroup = "rg-costops";
    private const string App = "func-costops-abc123";
    private const string Vault = "kv-costops-abc123";
    private const string SignedInUser = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b";

    private static readonly string s_script = RepositoryRoot.Combine("infra", "deploy.sh");
    private static readonly string s_parameters = RepositoryRoot.Combine("infra", "parameters.example.json");

    private readonly FakeAz _az = new();

    public DeployScriptTests()
    {
        _az.On("'account show '*", "Contoso\t00000000-0000-0000-0000-000000000000\tops@contoso.example")
            .On("'ad signed-in-user show '*", SignedInUser)
            .On(Output("functionAppName"), App)
            .On(Output("functionAppHostName"), App + ".azurewebsites.net")
            .On(Output("keyVaultName"), Vault)
            .On(Output("identityPrincipalId"), "9a8b7c6d-5e4f-4a3b-8c2d-000000000002")
            .On(Output("catalogPath"), "catalog/workloads.json")
            .On(Output("keyVaultSecretNames"), "openai-admin-key\nteams-workflow-webhook-url");
    }

    public void Dispose() => _az.Dispose();

    [Fact]
    public void ItDeploysTheTemplate_ThenThePackageWithTheCatalog_ByFlexConsumptionZipDeploy()
    {
        var package = AppPackage.Write(Path.Combine(_az.WorkDirectory, "costops-app.zip"), AppPackage.RootFiles);
        var catalog = Path.Combine(_az.WorkDirectory, "my-catalog.json");
        File.WriteAllText(catalog, """{ "workloads": [ { "id": "triage" } ] }""");

        var run = _az.RunScript(s_script, "-g", ResourceGroup, "-p", s_parameters, "--zip", package, "--catalog", catalog);

        Assert.True(run.ExitCode == 0, run.Describe());
        var calls = _az.Calls();
        var create = Index(calls, "deployment", "group", "create");
        var deploy = Index(calls, "functionapp", "deployment", "source", "config-zip");
        Assert.InRange(create, 0, deploy - 1);
        Assert.Equal(
            ["deployment", "group", "create", "--resource-group", ResourceGroup, "--name", calls[create][6], "--template-file", RepositoryRoot.Combine("bicep", "main.bicep"),
             "--parameters", "@" + s_parameters, "--parameters", "secretsOfficerPrincipalId=" + SignedInUser, "--output", "none"],
            calls[create]);
        Assert.Equal(
            ["functionapp", "deployment", "source", "config-zip", "--resource-group", ResourceGroup, "--name", App, "--src", calls[deploy][9], "--output", "none"],
            calls[deploy]);
        // After the package only the host name is read, for the closing message.
        Assert.All(calls.Skip(deploy + 1), call => Assert.Equal(["deployment", "group", "show"], call.Take(3)));

        // The package deployed is the published app plus the catalog at the path the app settings name.
        var deployed = _az.SourcePackageOf(deploy);
        Assert.Equal([.. AppPackage.Entries(package), "catalog/workloads.json"], AppPackage.Entries(deployed));
        Assert.Equal(File.ReadAllText(catalog), AppPackage.Read(deployed, "catalog/workloads.json"));
        // Every secret the settings refer to was looked for before the package went out.
        Assert.Equal(2, calls.Take(deploy).Count(call => call is ["keyvault", "secret", "show", ..]));
    }

    [Theory]
    [InlineData("host.json")]
    [InlineData("functions.metadata")]
    [InlineData("worker.config.json")]
    public void ItRefusesAPackageThatIsNotAPublishedApp_BeforeTouchingAzure(string missing)
    {
        var package = AppPackage.Write(Path.Combine(_az.WorkDirectory, "costops-app.zip"), AppPackage.RootFiles.Except([missing]), "catalog/workloads.json");

        var run = _az.RunScript(s_script, "-g", ResourceGroup, "-p", s_parameters, "--zip", package);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"has no {missing} at its root", run.Errors, StringComparison.Ordinal);
        Assert.Empty(_az.Calls());
    }

    [Fact]
    public void ItRefusesAMissingPackage_SayingHowToBuildIt()
    {
        var run = _az.RunScript(s_script, "-g", ResourceGroup, "-p", s_parameters, "--zip", Path.Combine(_az.WorkDirectory, "absent.zip"));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("run scripts/publish.sh first", run.Errors, StringComparison.Ordinal);
        Assert.Empty(_az.Calls());
    }

    [Fact]
    public void ItRefusesToDeployAPackageWithoutTheCatalog_NamingTheSetting()
    {
        var package = AppPackage.Write(Path.Combine(_az.WorkDirectory, "costops-app.zip"), AppPackage.RootFiles);

        var run = _az.RunScript(s_script, "-g", ResourceGroup, "-p", s_parameters, "--zip", package);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("the package has no catalog/workloads.json", run.Errors, StringComparison.Ordinal);
        Assert.Contains("CostOps:Catalog:Path", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain(_az.Calls(), call => call is ["functionapp", ..]);
    }

    [Fact]
    public void ItRefusesToDeployThePackageWhileASecretIsMissing_AndSaysHowToSetIt()
    {
        _az.On("'keyvault secret show --vault-name " + Vault + " --name teams-workflow-webhook-url '*", exitCode: 3);
        var package = AppPackage.Write(Path.Combine(_az.WorkDirectory, "costops-app.zip"), AppPackage.RootFiles, "catalog/workloads.json");

        var run = _az.RunScript(s_script, "-g", ResourceGroup, "-p", s_parameters, "--zip", package);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"az keyvault secret set --vault-name {Vault} --name teams-workflow-webhook-url --file", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("--name openai-admin-key --file", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain(_az.Calls(), call => call is ["functionapp", ..]);
    }

    [Theory]
    [InlineData("ignoredRoleScopes", "/providers/Microsoft.Management/managementGroups/mg-llm", "were NOT granted")]
    [InlineData("unsetApiKeySettings", "AnthropicAdminKey", "are no app setting")]
    public void ItStopsAfterTheTemplate_WhenTheDeploymentReportsAProblem(string output, string value, string message)
    {
        _az.On(Output(output), value);
        var package = AppPackage.Write(Path.Combine(_az.WorkDirectory, "costops-app.zip"), AppPackage.RootFiles, "catalog/workloads.json");

        var run = _az.RunScript(s_script, "-g", ResourceGroup, "-p", s_parameters, "--zip", package);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Errors, StringComparison.Ordinal);
        Assert.Contains(value, run.Errors, StringComparison.Ordinal);
        Assert.Contains(_az.Calls(), call => call is ["deployment", "group", "create", ..]);
        Assert.DoesNotContain(_az.Calls(), call => call is ["functionapp", ..]);
    }

    [Fact]
    public void ADryRun_ChecksThePackage_PrintsTheCommands_AndCallsNothing()
    {
        var package = AppPackage.Write(Path.Combine(_az.WorkDirectory, "costops-app.zip"), AppPackage.RootFiles, "catalog/workloads.json");

        var run = _az.RunScript(s_script, "-g", ResourceGroup, "-p", s_parameters, "--zip", package, "--dry-run");

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("+ az deployment group create", run.Output, StringComparison.Ordinal);
        Assert.Contains("+ az functionapp deployment source config-zip", run.Output, StringComparison.Ordinal);
        Assert.Empty(_az.Calls());
    }

    [Fact]
    public void TheScript_PassesBashSyntaxCheck()
    {
        var run = ProcessRun.Start("bash", ["-n", s_script]);

        Assert.True(run.ExitCode == 0, run.Describe());
    }

    /// <summary>The pattern of the deployment-output query deploy.sh makes for <paramref name="output"/>.</summary>
    private static string Output(string output) => $"'deployment group show '*'properties.outputs.{output}.value'*";

    private static int Index(IReadOnlyList<IReadOnlyList<string>> calls, params string[] prefix) =>
        calls.Select((call, index) => (call, index)).Single(c => c.call.Take(prefix.Length).SequenceEqual(prefix)).index;
}
