using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using CostOps.TestSupport;

namespace CostOps.Handler.Tests.Deployment;

/// <summary>
/// The staged package and the deployment scripts, checked statically: publishing needs a
/// self-contained build and zip (slow, and not this test's business), so the tests read
/// scripts/publish.sh instead of running it.
/// </summary>
public sealed partial class PackageAndScriptTests
{
    private static readonly string s_publish = File.ReadAllText(RepositoryRoot.Combine("scripts", "publish.sh"));

    [Fact]
    public void ThePublishScript_StagesEveryFunctionFolder_AsFolderSlashFunctionJson()
    {
        // The loop over every functions/*/ folder, copying function.json to <app>/<Name>/ ...
        Assert.Matches(@"for dir in ""\$root""/functions/\*/; do", s_publish);
        Assert.Matches(@"name=""\$\(basename ""\$dir""\)""", s_publish);
        Assert.Matches(@"cp ""\$dir""function\.json ""\$app/\$name/function\.json""", s_publish);

        // ... which stages a folder completely only if function.json is all it holds.
        var folders = DeploymentFiles.FunctionFolders();
        Assert.NotEmpty(folders);
        foreach (var folder in folders)
        {
            var files = Directory.GetFileSystemEntries(RepositoryRoot.Combine("functions", folder)).Select(Path.GetFileName).ToList();
            Assert.True(files is ["function.json"], $"functions/{folder} holds {string.Join(", ", files)}; the publish script copies only function.json");
            Assert.Matches(FunctionName(), folder);
        }
    }

    [Fact]
    public void TheExecutableHostJsonNames_IsTheOneThePublishScriptMarksExecutable()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("host.json")));
        var executable = host.RootElement.GetProperty("customHandler").GetProperty("description").GetProperty("defaultExecutablePath").GetString();

        Assert.Contains($"chmod 0755 \"$app/{executable}\"", s_publish, StringComparison.Ordinal);
        Assert.Contains($"zipinfo \"$zipfile\" {executable} | grep -q '^-rwx'", s_publish, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDeployScript_RefusesAPackageWithoutTheExecutableOrItsExecBit()
    {
        var deploy = File.ReadAllText(RepositoryRoot.Combine("infra", "deploy.sh"));

        // It reads the executable's name from the packaged host.json, so it follows any rename.
        Assert.Contains("defaultExecutablePath", deploy, StringComparison.Ordinal);
        Assert.Contains("grep -q '^-rwx'", deploy, StringComparison.Ordinal);
        Assert.Contains("az functionapp deployment source config-zip", deploy, StringComparison.Ordinal);
        Assert.Contains("set -euo pipefail", deploy, StringComparison.Ordinal);
    }

    [Fact]
    public void TheUninstallScript_RemovesTheCrossScopeAssignmentsByPrincipalId_BeforeTheGroup()
    {
        var uninstall = File.ReadAllText(RepositoryRoot.Combine("infra", "uninstall.sh"));

        var assignments = uninstall.IndexOf("az role assignment delete", StringComparison.Ordinal);
        var group = uninstall.IndexOf("az group delete", StringComparison.Ordinal);
        Assert.InRange(assignments, 0, group);
        Assert.Contains("--assignee \"$principal_id\"", uninstall, StringComparison.Ordinal);
        Assert.Contains("--yes", uninstall, StringComparison.Ordinal);
        // It finds the identity by the tag the identity module sets.
        Assert.True(DeploymentFiles.Bicep("modules", "identity.bicep").Mentions("'costops-role': 'app-identity'"));
        Assert.Contains("costops-role", uninstall, StringComparison.Ordinal);
    }

    public static TheoryData<string> ShellScripts()
    {
        var scripts = new TheoryData<string>();
        foreach (var script in new[] { "infra/deploy.sh", "infra/uninstall.sh", "scripts/publish.sh" })
        {
            scripts.Add(script);
        }
        return scripts;
    }

    [Theory]
    [MemberData(nameof(ShellScripts))]
    public void TheShellScript_PassesBashSyntaxCheck(string script)
    {
        using var bash = Process.Start(new ProcessStartInfo("bash")
        {
            ArgumentList = { "-n", RepositoryRoot.Combine(script) },
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var errors = bash.StandardError.ReadToEnd();
        bash.WaitForExit();

        Assert.True(bash.ExitCode == 0, $"bash -n {script}: {errors}");
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,127}$")]
    private static partial Regex FunctionName();
}
