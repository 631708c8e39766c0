using System.Text.RegularExpressions;

namespace CostOps.Infrastructure.Telemetry;

/// <summary>Shape checks for ARM resource ids and Cost Management scopes, so a typo fails at start-up, not at 01:30.</summary>
internal static partial class ArmIds
{
    public const string ResourceIdShape = "/subscriptions/{guid}/resourceGroups/{group}/providers/{namespace}/{type}/{name}";

    public static bool IsResourceId(string? value) => value is not null && ResourceId().IsMatch(value);

    /// <summary>The provider type (<c>Microsoft.Compute/virtualMachines</c>) of a valid resource id.</summary>
    public static string TypeOf(string resourceId)
    {
        var match = ResourceId().Match(resourceId);
        return $"{match.Groups["namespace"].Value}/{match.Groups["type"].Value}";
    }

    public static bool IsCostScope(string? value) => value is not null && CostScope().IsMatch(value);

    [GeneratedRegex(@"^/subscriptions/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/resourceGroups/[^/\s]+/providers/(?<namespace>[A-Za-z0-9]+\.[A-Za-z0-9.]+)/(?<type>[A-Za-z0-9]+)/[^/\s]+(/[A-Za-z0-9]+/[^/\s]+)*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ResourceId();

    [GeneratedRegex(@"^(/subscriptions/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(/resourceGroups/[^/\s]+)?|/providers/Microsoft\.Billing/billingAccounts/[^/\s]+(/(billingProfiles|invoiceSections|departments|enrollmentAccounts)/[^/\s]+)*|/providers/Microsoft\.Management/managementGroups/[^/\s]+|/providers/Microsoft\.CostManagement/externalBillingAccounts/[^/\s]+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CostScope();
}
