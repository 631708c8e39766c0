namespace CostOps.Deployment.Tests;

/// <summary>
/// Built-in role definition ids as the Azure RBAC documentation lists them
/// (learn.microsoft.com/azure/role-based-access-control/built-in-roles, "ID" column); bicep/roles.json must agree.
/// </summary>
internal static class Roles
{
    public const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    public const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    public const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    public const string MonitoringReader = "43d0d8ad-25c7-4714-9337-8ba259a9fe05";
    public const string MonitoringDataReader = "b0d8363b-8ddd-447d-831f-62ca05bff136";
    public const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    public const string CostManagementReader = "72fafb9e-0641-4937-9268-a91bfd8191a3";
    public const string VirtualMachineContributor = "9980e02c-c2be-4d73-94e8-173b1dc7cf3c";
    public const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    public const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";

    /// <summary>Every role above by the name roles.json uses.</summary>
    public static IReadOnlyDictionary<string, string> ByName { get; } = typeof(Roles).GetFields()
        .Where(field => field.IsLiteral)
        .ToDictionary(field => field.Name, field => (string)field.GetRawConstantValue()!, StringComparer.Ordinal);

    /// <summary>The name of a role id, for messages.</summary>
    public static string NameOf(string roleId) => ByName.FirstOrDefault(role => role.Value == roleId).Key ?? roleId;
}
