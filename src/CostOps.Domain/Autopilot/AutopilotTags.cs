namespace CostOps.Domain.Autopilot;

/// <summary>
/// The resource tags the autopilot reads. A resource is touched only when it carries the opt-in
/// tag <c>costops-autopilot=enabled</c> and does not carry the exclusion tag <c>costops-exclude</c>.
/// The exclusion is a separate tag, not another value of the opt-in tag, so an operator can freeze
/// a resource (e.g. during an incident: <c>costops-exclude=INC-4711</c>) without losing its opt-in;
/// any value excludes, the value is quoted in the decision's reason, and removing the tag
/// re-includes the resource. Tag names compare case-insensitively, as Azure's do; so does the
/// opt-in value.
/// </summary>
public static class AutopilotTags
{
    public const string OptInName = "costops-autopilot";

    public const string OptInValue = "enabled";

    public const string ExcludeName = "costops-exclude";

    public static bool IsOptedIn(IReadOnlyDictionary<string, string> tags) =>
        Find(tags, OptInName) is { } value && string.Equals(value.Trim(), OptInValue, StringComparison.OrdinalIgnoreCase);

    /// <summary>The exclusion tag's value ("" when it has none), or null when the resource is not excluded.</summary>
    public static string? ExclusionOf(IReadOnlyDictionary<string, string> tags) => Find(tags, ExcludeName);

    private static string? Find(IReadOnlyDictionary<string, string> tags, string name)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.TryGetValue(name, out var exact))
        {
            return exact ?? string.Empty;
        }
        foreach (var (key, value) in tags)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value ?? string.Empty;
            }
        }
        return null;
    }
}
