using System.Text.Json;
using CostOps.Deployment.Tests.Binding;
using CostOps.Deployment.Tests.Bicep;
using CostOps.TestSupport;

namespace CostOps.Deployment.Tests;

/// <summary>
/// The role assignments a deployment makes, against what each adapter calls and what docs/deploy.md promises:
/// data roles on this deployment's own resources, read roles on the listed scopes, the one write role only on
/// the GPU resource groups.
/// </summary>
public sealed class RoleAssignmentTests
{
    /// <summary>
    /// What each adapter folder of src/CostOps.Infrastructure needs from Azure RBAC. A new adapter folder fails
    /// <see cref="EveryInfrastructureAdapter_StatesTheRolesItNeeds"/> until it gets a line here.
    /// </summary>
    private static readonly AdapterRoles[] s_adapters =
    [
        new("TableStorage", [Roles.StorageTableDataContributor], "DailyTco, Decisions, Runs, Prices, Leases, DigestPosts, NightShards tables (Entra bearer)"),
        // Storage Queue Data Contributor only with nightlyMode FanOut (StorageQueueAccess_IsGrantedExactlyWithTheNightlyFanOut...).
        new("Queues", [], "the nightly fan-out's shard queue; its role is granted only when the nightly fans out"),
        new("AzureMonitor", [Roles.MonitoringReader], "ARM metrics and metrics:getBatch, which needs Monitoring Reader at subscription scope"),
        new("Prometheus", [Roles.MonitoringDataReader], "PromQL on an Azure Monitor workspace (managed Prometheus)"),
        new("CostManagement", [Roles.CostManagementReader], "amortized cost query"),
        new("Compute", [Roles.MonitoringReader, Roles.VirtualMachineContributor], "instance views and availability metrics (Monitoring Reader includes */read); deallocate, start, scale-set capacity on the GPU resource groups only"),
        new("LlmProviders", [Roles.KeyVaultSecretsUser], "OpenAI and Anthropic admin keys as Key Vault references"),
        new("Teams", [Roles.KeyVaultSecretsUser], "the Teams Workflows webhook URL as a Key Vault reference; Graph app permissions are Entra consent, not Azure RBAC"),
        new("ResourceGraph", [Roles.MonitoringReader], "tag selectors resolved to VM and scale set ids; Resource Graph returns only what the identity can read, and Monitoring Reader includes */read on its scopes"),
        new("RetailPrices", [], "anonymous public API"),
        new("Identity", [], "chooses the credential each adapter signs in with (managed identity per purpose); holds no role itself"),
        new("Files", [], "local files"),
        new("Azurite", [], "local emulator for development and tests"),
        new("Pipeline", [], "shared HTTP pipeline plumbing, no calls of its own"),
        new("Telemetry", [], "source options, catalog and factory; the roles belong to the adapters it builds"),
        new("Configuration", [], "how relative file settings resolve; no calls of its own"),
    ];

    /// <summary>What the Functions host and the platform need, beyond the adapters.</summary>
    private static readonly AdapterRoles[] s_platform =
    [
        new("Functions host storage", [Roles.StorageBlobDataOwner], "AzureWebJobsStorage blobs, timer locks, the Flex deployment container"),
        new("Application Insights", [Roles.MonitoringMetricsPublisher], "Entra-authenticated telemetry ingestion"),
    ];

    private const string Subscription = "/subscriptions/00000000-0000-0000-0000-000000000000";
    private const string GpuGroup = Subscription + "/resourceGroups/rg-gpu-inference";
    private const string MonitorWorkspace = Subscription + "/resourceGroups/rg-monitoring/providers/Microsoft.Monitor/accounts/amw-llm";

    [Fact]
    public void TheRoleIdsInRolesJson_AreTheDocumentedBuiltInRoles()
    {
        using var roles = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("bicep", "roles.json")));
        var declared = roles.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);

        Assert.Equal(Roles.ByName.OrderBy(r => r.Key, StringComparer.Ordinal), declared.OrderBy(r => r.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void TheExampleDeployment_GrantsExactlyTheDocumentedRoles_OnTheNarrowestScopes()
    {
        var deployment = Deployments.ScriptExample;
        string Id(string type) => (string)deployment.Single(type)["id"]!;
        var account = Id("Microsoft.Storage/storageAccounts");

        var expected = new[]
        {
            (account, Roles.StorageBlobDataOwner),
            (account, Roles.StorageTableDataContributor),
            (Id("Microsoft.Insights/components"), Roles.MonitoringMetricsPublisher),
            (Id("Microsoft.KeyVault/vaults"), Roles.KeyVaultSecretsUser),
            (Subscription, Roles.MonitoringReader),
            (MonitorWorkspace, Roles.MonitoringDataReader),
            (Subscription, Roles.CostManagementReader),
            (GpuGroup, Roles.VirtualMachineContributor),
        };
        var granted = deployment.RoleGrants().Select(grant => (grant.Scope, grant.RoleId));

        Assert.Equal(Describe(expected), Describe(granted));
    }

    [Theory]
    [MemberData(nameof(Deployments.All), MemberType = typeof(Deployments))]
    public void EveryAssignment_IsNamedByScopePrincipalAndRole_ForTheIdentityAsAServicePrincipal(string name)
    {
        var grants = Deployments.Named(name).RoleGrants();
        Assert.NotEmpty(grants);

        foreach (var grant in grants)
        {
            Assert.Equal(ArmExpression.ArmGuid([grant.Scope, grant.PrincipalId, grant.RoleId]).ToString(), grant.Name);
            Assert.Equal($"/subscriptions/{GrantSubscription(grant)}/providers/Microsoft.Authorization/roleDefinitions/{grant.RoleId}", grant.RoleDefinitionId);
            if (grant.RoleId == Roles.KeyVaultSecretsOfficer)
            {
                // The one assignment to someone else: the person (or pipeline) who sets the secrets.
                Assert.Equal(Deployments.AzdPrincipalId, grant.PrincipalId);
                Assert.Equal("User", grant.PrincipalType);
            }
            else
            {
                Assert.Equal(PlatformValues.IdentityPrincipalId, grant.PrincipalId);
                Assert.Equal("ServicePrincipal", grant.PrincipalType);
            }
        }
    }

    [Fact]
    public void TheSecretsOfficer_IsGrantedOnTheVaultOnly_WhenAPrincipalIsGiven()
    {
        var vault = (string)Deployments.Azd.Single("Microsoft.KeyVault/vaults")["id"]!;

        Assert.Equal([vault], Deployments.Azd.RoleGrants().Where(g => g.RoleId == Roles.KeyVaultSecretsOfficer).Select(g => g.Scope));
        Assert.DoesNotContain(Deployments.ScriptExample.RoleGrants(), g => g.RoleId == Roles.KeyVaultSecretsOfficer);
    }

    [Fact]
    public void VirtualMachineContributor_IsNeverGrantedWiderThanAResourceGroup_AndRefusedScopesAreReported()
    {
        var deployment = Deployments.Variant;
        var vmContributor = deployment.RoleGrants().Where(g => g.RoleId == Roles.VirtualMachineContributor).Select(g => g.Scope).ToList();

        Assert.Equal([GpuGroup], vmContributor);
        Assert.DoesNotContain(deployment.RoleGrants(), g => g.Scope == Deployments.ManagementGroupScope);
        Assert.Equal(
            [Deployments.ManagementGroupScope, Deployments.WholeSubscription],
            deployment.Outputs["ignoredRoleScopes"]!.AsArray().Select(s => (string)s!).Order(StringComparer.Ordinal));
        Assert.Empty(Deployments.ScriptExample.Outputs["ignoredRoleScopes"]!.AsArray());
    }

    [Fact]
    public void StorageQueueAccess_IsGrantedExactlyWithTheNightlyFanOut_AndTheQueueFunctionIsDisabledWithoutIt()
    {
        static bool GrantsQueues(DeploymentSnapshot deployment) => deployment.RoleGrants().Any(g => g.RoleId == Roles.StorageQueueDataContributor);

        // NightlyTcoShard binds the shard queue; only a fanned-out nightly may listen on it.
        Assert.True(SettingReaders.AFunctionBindsAStorageQueue());
        Assert.True(GrantsQueues(Deployments.Variant));
        foreach (var deployment in (DeploymentSnapshot[])[Deployments.ScriptExample, Deployments.Defaults, Deployments.Azd])
        {
            Assert.False(GrantsQueues(deployment));
            var settings = deployment.AppSettings();
            Assert.Equal(("SingleInstance", "true"), (settings["CostOps__Nightly__Mode"], settings["AzureWebJobs.NightlyTcoShard.Disabled"]));
            Assert.False(settings.ContainsKey("CostOps__Storage__QueueEndpoint"));
            Assert.Empty(deployment.OfType("Microsoft.Storage/storageAccounts/queueServices/queues"));
        }
        var fanOut = Deployments.Variant.AppSettings();
        Assert.Equal("FanOut", fanOut["CostOps__Nightly__Mode"]);
        Assert.False(fanOut.ContainsKey("AzureWebJobs.NightlyTcoShard.Disabled"));
        Assert.Equal(fanOut["AzureWebJobsStorage__queueServiceUri"], fanOut["CostOps__Storage__QueueEndpoint"]);
        Assert.Equal(
            ["costops-nightly-shards", "costops-nightly-shards-poison"],
            Deployments.Variant.OfType("Microsoft.Storage/storageAccounts/queueServices/queues").Select(q => ((string)q["name"]!).Split('/')[^1]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryInfrastructureAdapter_StatesTheRolesItNeeds()
    {
        var folders = Directory.GetDirectories(RepositoryRoot.Combine("src", "CostOps.Infrastructure"))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name is not ("bin" or "obj"));

        var unstated = folders.Where(folder => s_adapters.All(adapter => adapter.Name != folder)).ToList();

        Assert.True(unstated.Count == 0, "add these adapters to the RBAC table in this test (and the roles to the Bicep): " + string.Join(", ", unstated));
    }

    [Fact]
    public void EveryRoleTheAdaptersAndTheHostNeed_IsGrantedToTheIdentity_ByTheExampleDeployment()
    {
        var granted = Deployments.ScriptExample.RoleGrants().Where(g => g.PrincipalId == PlatformValues.IdentityPrincipalId).Select(g => g.RoleId).ToHashSet();

        foreach (var need in s_adapters.Concat(s_platform))
        {
            Assert.All(need.Roles, role => Assert.True(granted.Contains(role), $"{need.Name} needs {Roles.NameOf(role)} ({need.Why}); the deployment does not grant it"));
        }
    }

    private static string GrantSubscription(RoleGrant grant) => grant.Scope.Split('/')[2];

    private static List<string> Describe(IEnumerable<(string Scope, string Role)> grants) =>
        [.. grants.Select(g => $"{Roles.NameOf(g.Role)} on {g.Scope}").Order(StringComparer.Ordinal)];

    private sealed record AdapterRoles(string Name, IReadOnlyList<string> Roles, string Why);
}
