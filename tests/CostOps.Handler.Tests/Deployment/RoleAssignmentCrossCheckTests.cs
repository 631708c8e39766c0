using System.Text.Json;
using System.Text.RegularExpressions;
using CostOps.TestSupport;

namespace CostOps.Handler.Tests.Deployment;

/// <summary>The role assignments in the Bicep against what each adapter calls.</summary>
public sealed partial class RoleAssignmentCrossCheckTests
{
    /// <summary>
    /// Built-in role definition ids as the Azure RBAC documentation lists them
    /// (learn.microsoft.com/azure/role-based-access-control/built-in-roles, "ID" column);
    /// bicep/roles.json must agree.
    /// </summary>
    private static readonly Dictionary<string, string> s_documentedRoles = new(StringComparer.Ordinal)
    {
        ["StorageBlobDataOwner"] = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
        ["StorageQueueDataContributor"] = "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
        ["StorageTableDataContributor"] = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
        ["MonitoringReader"] = "43d0d8ad-25c7-4714-9337-8ba259a9fe05",
        ["MonitoringDataReader"] = "b0d8363b-8ddd-447d-831f-62ca05bff136",
        ["MonitoringMetricsPublisher"] = "3913510d-42f4-4e42-8a64-420c390055eb",
        ["CostManagementReader"] = "72fafb9e-0641-4937-9268-a91bfd8191a3",
        ["VirtualMachineContributor"] = "9980e02c-c2be-4d73-94e8-173b1dc7cf3c",
        ["KeyVaultSecretsUser"] = "4633458b-17de-408a-b874-0445c86b69e6",
        ["KeyVaultSecretsOfficer"] = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
    };

    /// <summary>
    /// What each adapter folder of src/CostOps.Infrastructure needs from Azure RBAC, and the template
    /// file that grants it. A new adapter folder fails <see cref="EveryInfrastructureAdapter_StatesTheRolesItNeeds"/>
    /// until it gets a line here.
    /// </summary>
    private static readonly AdapterRoles[] s_adapters =
    [
        new("TableStorage", ["StorageTableDataContributor"], "modules/storage.bicep", "DailyTco, Decisions, Runs, Prices, Leases tables (Entra bearer)"),
        new("AzureMonitor", ["MonitoringReader"], "main.bicep", "ARM metrics and metrics:getBatch, which needs Monitoring Reader at subscription scope"),
        new("Prometheus", ["MonitoringDataReader"], "main.bicep", "PromQL on an Azure Monitor workspace (managed Prometheus)"),
        new("CostManagement", ["CostManagementReader"], "main.bicep", "amortized cost query"),
        new("Compute", ["MonitoringReader", "VirtualMachineContributor"], "main.bicep", "instance views and availability metrics (Monitoring Reader includes */read); deallocate, start, scale-set capacity on the GPU resource groups only"),
        new("LlmProviders", ["KeyVaultSecretsUser"], "modules/keyvault.bicep", "OpenAI and Anthropic admin keys as Key Vault references"),
        new("Teams", ["KeyVaultSecretsUser"], "modules/keyvault.bicep", "Teams Workflows webhook URL as a Key Vault reference; Graph app permissions are Entra consent, not Azure RBAC"),
        new("RetailPrices", [], null, "anonymous public API"),
        new("Files", [], null, "local files"),
        new("Azurite", [], null, "local emulator for development and tests"),
        new("Pipeline", [], null, "shared HTTP pipeline plumbing, no calls of its own"),
        new("Telemetry", [], null, "source options, catalog and factory; the roles belong to the adapters it builds"),
    ];

    /// <summary>What the Functions host and the platform need, beyond the adapters.</summary>
    private static readonly AdapterRoles[] s_platform =
    [
        new("Functions host storage", ["StorageBlobDataOwner"], "modules/storage.bicep", "AzureWebJobsStorage blobs, timer locks, the Flex deployment container"),
        new("Application Insights", ["MonitoringMetricsPublisher"], "modules/monitoring.bicep", "Entra-authenticated telemetry ingestion"),
    ];

    [Fact]
    public void TheRoleIdsInTheTemplates_AreTheDocumentedBuiltInRoles()
    {
        using var roles = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("bicep", "roles.json")));
        var declared = roles.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);

        Assert.Equal(s_documentedRoles.OrderBy(r => r.Key, StringComparer.Ordinal), declared.OrderBy(r => r.Key, StringComparer.Ordinal));
        foreach (var (file, bicep) in DeploymentFiles.AllBicep())
        {
            Assert.False(GuidLiteral().IsMatch(bicep.Code), $"{file} spells a GUID out; role ids belong in roles.json");
            foreach (Match use in RoleUse().Matches(bicep.Code))
            {
                Assert.True(declared.ContainsKey(use.Groups["role"].Value), $"{file} uses roles.{use.Groups["role"].Value}, which roles.json does not define");
            }
        }
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
    public void EveryRoleTheAdaptersAndTheHostNeed_IsAssignedByTheTemplate()
    {
        var files = DeploymentFiles.AllBicep();
        foreach (var need in s_adapters.Concat(s_platform).Where(need => need.Roles.Count > 0))
        {
            var bicep = files[need.GrantedIn!];
            foreach (var role in need.Roles)
            {
                Assert.True(Regex.IsMatch(bicep.Code, $@"\broles\.{role}\b"), $"{need.Name} needs {role} ({need.Why}); {need.GrantedIn} does not grant it");
            }
            Assert.True(
                bicep.RoleAssignments().Count > 0 || bicep.Mentions("modules/role-assignment-"),
                $"{need.GrantedIn} names roles but assigns none");
        }
    }

    [Fact]
    public void EveryRoleAssignment_IsNamedByScopePrincipalAndRole_ForTheServicePrincipal()
    {
        var assignments = DeploymentFiles.AllBicep()
            .SelectMany(file => file.Value.RoleAssignments().Select(block => (file: file.Key, block)))
            .ToList();
        Assert.NotEmpty(assignments);

        foreach (var (file, block) in assignments)
        {
            var where = $"{file}: {block.Symbol}";
            var name = BicepText.Property(block.Body, "name")!;
            Assert.StartsWith("guid(", name, StringComparison.Ordinal);
            var parts = BicepText.CallArguments(name);
            Assert.True(parts.Count == 3, $"{where}: name should be guid(scope, principalId, roleDefinitionId), is {name}");

            var principal = BicepText.Property(block.Body, "principalId")!;
            Assert.Equal(principal, parts[1]);
            var role = BicepText.Property(block.Body, "roleDefinitionId")!;
            Assert.Contains(parts[2], role, StringComparison.Ordinal);
            Assert.StartsWith("subscriptionResourceId('Microsoft.Authorization/roleDefinitions'", role, StringComparison.Ordinal);

            // The CostOps identity is always the module parameter principalId; only the optional
            // secrets officer (a person or pipeline) takes its type from a parameter.
            var principalType = BicepText.Property(block.Body, "principalType");
            if (principal == "principalId")
            {
                Assert.Equal("'ServicePrincipal'", principalType);
            }
            else
            {
                Assert.Equal("secretsOfficerPrincipalId", principal);
            }
        }
    }

    [Fact]
    public void VirtualMachineContributor_IsNeverGrantedWiderThanAResourceGroup()
    {
        var main = DeploymentFiles.Main.Code.Split('\n');
        var grants = main.Where(line => line.Contains("roles.VirtualMachineContributor", StringComparison.Ordinal)).ToList();

        Assert.Single(grants);
        Assert.Contains("isResourceGroupId(", grants[0], StringComparison.Ordinal);
        Assert.StartsWith("var actGrants", grants[0].Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain(main, line => line.TrimStart().StartsWith("var subscriptionGrants", StringComparison.Ordinal) && line.Contains("actGrants", StringComparison.Ordinal));
        Assert.DoesNotContain(main, line => line.TrimStart().StartsWith("var readGrants", StringComparison.Ordinal) && line.Contains("actGrants", StringComparison.Ordinal));
        Assert.All(
            DeploymentFiles.AllBicep().Where(file => file.Key != "main.bicep"),
            file => Assert.False(file.Value.Mentions("roles.VirtualMachineContributor"), $"{file.Key} grants Virtual Machine Contributor"));
    }

    [Fact]
    public void StorageQueueAccess_IsGrantedExactlyWhenAFunctionBindsAStorageQueue()
    {
        var queueBindings = DeploymentFiles.FunctionFolders()
            .SelectMany(DeploymentFiles.BindingTypes)
            .Any(type => type is "queue" or "queueTrigger" or "blobTrigger");
        var grantQueueAccess = DeploymentFiles.Main.Parameters().Single(p => p.Name == "grantQueueAccess");

        Assert.Equal(queueBindings ? "true" : "false", grantQueueAccess.Default);
        Assert.True(DeploymentFiles.Bicep("modules", "storage.bicep").Mentions("grantQueueAccess ? concat(hostAndTableRoles, [roles.StorageQueueDataContributor])"));
    }

    [GeneratedRegex(@"\broles\.(?<role>[A-Z]\w*)")]
    private static partial Regex RoleUse();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidLiteral();

    private sealed record AdapterRoles(string Name, IReadOnlyList<string> Roles, string? GrantedIn, string Why);
}
