using CostOps.TestSupport;

namespace CostOps.Deployment.Tests.Scripts;

/// <summary>infra/uninstall.sh, run against a fake az that holds role assignments inside and outside the group.</summary>
public sealed class UninstallScriptTests : IDisposable
{
    private const string ResourceGroup = "rg-costops";
    private const string Home = "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d";
    private const string Other = "00000000-0000-0000-0000-000000000000";
    private const string Principal = "9a8b7c6d-5e4f-4a3b-8c2d-000000000002";
    private const string GroupId = "/subscriptions/" + Home + "/resourceGroups/" + ResourceGroup;

    private static readonly string s_script = RepositoryRoot.Combine("infra", "uninstall.sh");

    private readonly FakeAz _az = new();

    public UninstallScriptTests()
    {
        _az.On("'group show --name " + ResourceGroup + " '*", GroupId)
            .On("'identity list --resource-group " + ResourceGroup + " '*", Principal)
            .On("'account list '*", Home + "\n" + Other)
            .On(
                "'role assignment list --subscription " + Home + " --assignee " + Principal + " '*",
                $"inside-blob\t{GroupId}/providers/Microsoft.Storage/storageAccounts/stcostops\tStorage Blob Data Owner\n" +
                // A group whose name starts like ours is another group: its assignment is outside.
                $"lookalike\t{GroupId}-old\tMonitoring Reader\n" +
                $"home-sub\t/subscriptions/{Home}\tMonitoring Reader")
            .On(
                "'role assignment list --subscription " + Other + " --assignee " + Principal + " '*",
                $"gpu-group\t/subscriptions/{Other}/resourceGroups/rg-gpu-inference\tVirtual Machine Contributor");
    }

    public void Dispose() => _az.Dispose();

    [Fact]
    public void ItRemovesTheIdentitysAssignmentsOutsideTheGroup_ThenTheGroup()
    {
        var run = _az.RunScript(s_script, "-g", ResourceGroup, "--yes");

        Assert.True(run.ExitCode == 0, run.Describe());
        var deletes = _az.Calls().Where(call => call.Contains("delete")).ToList();
        Assert.Equal(2, deletes.Count);
        Assert.Equal(["role", "assignment", "delete", "--ids", "lookalike", "home-sub", "gpu-group"], deletes[0]);
        Assert.Equal(["group", "delete", "--name", ResourceGroup, "--yes"], deletes[1]);
    }

    [Fact]
    public void WithoutConfirmation_ItDeletesNothing()
    {
        // No --yes and no terminal to answer the question: nothing is deleted.
        var run = _az.RunScript(s_script, "-g", ResourceGroup);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("nothing deleted", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain(_az.Calls(), call => call.Contains("delete"));
    }

    [Fact]
    public void ADryRun_ListsWhatWouldGo_AndDeletesNothing()
    {
        var run = _az.RunScript(s_script, "-g", ResourceGroup, "--dry-run");

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("role assignments outside rg-costops to delete: 3", run.Output, StringComparison.Ordinal);
        Assert.Contains($"Virtual Machine Contributor on /subscriptions/{Other}/resourceGroups/rg-gpu-inference", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(_az.Calls(), call => call.Contains("delete"));
    }

    [Fact]
    public void TheScript_PassesBashSyntaxCheck()
    {
        var run = ProcessRun.Start("bash", ["-n", s_script]);

        Assert.True(run.ExitCode == 0, run.Describe());
    }
}
