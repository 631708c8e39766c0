namespace CostOps.Infrastructure.Configuration;

/// <summary>
/// Which settings name files or folders (keys ending in <c>Path</c>, <c>Directory</c> or <c>File</c>, and the
/// items of <c>PriceBooks</c> and <c>Files</c> lists) and how a relative one is made absolute: against the
/// folder it is relative to (the settings file's for the CLI, the app's for the Functions app), so a setting
/// means the same file whatever the working directory.
/// </summary>
public static class RelativeSettingPaths
{
    private static readonly string[] s_pathKeySuffixes = ["Path", "Directory", "File"];
    private static readonly string[] s_pathListSections = ["PriceBooks", "Files"];

    /// <summary>True when the configuration key (<c>CostOps:Catalog:Path</c>, <c>CostOps:Catalog:PriceBooks:0</c>) names a file or folder.</summary>
    public static bool IsPathKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var segments = key.Split(':');
        var last = segments[^1];
        if (s_pathKeySuffixes.Any(suffix => last.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }
        return segments.Length >= 2 && int.TryParse(last, out _) && s_pathListSections.Contains(segments[^2], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The value, absolute against <paramref name="baseDirectory"/> when it is a relative path of a path key; otherwise unchanged.</summary>
    public static string? Resolve(string key, string? value, string baseDirectory) =>
        value is { Length: > 0 } && IsPathKey(key) && !Path.IsPathRooted(value) && !value.Contains("://", StringComparison.Ordinal)
            ? Path.GetFullPath(Path.Combine(baseDirectory, value))
            : value;

    /// <summary>Every path setting among <paramref name="settings"/> that <see cref="Resolve"/> changes, with its absolute value.</summary>
    public static Dictionary<string, string?> Absolute(IEnumerable<KeyValuePair<string, string?>> settings, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var changed = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in settings)
        {
            var resolved = Resolve(key, value, baseDirectory);
            if (!string.Equals(resolved, value, StringComparison.Ordinal))
            {
                changed[key] = resolved;
            }
        }
        return changed;
    }
}
