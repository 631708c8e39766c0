using Microsoft.Extensions.Configuration;

namespace CostOps.Cli.Hosting;

/// <summary>
/// Reads a settings JSON file into configuration keys, resolving relative file paths against the
/// file's folder, so a settings file works from any working directory (the demo's does).
/// </summary>
internal static class SettingsFile
{
    private static readonly string[] s_pathKeySuffixes = ["Path", "Directory", "File"];
    private static readonly string[] s_pathListSections = ["PriceBooks", "Files"];

    public static IReadOnlyDictionary<string, string?> Read(string fullPath)
    {
        var baseDirectory = Path.GetDirectoryName(fullPath)!;
        var configuration = new ConfigurationBuilder().AddJsonFile(fullPath, optional: false, reloadOnChange: false).Build();
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (value is null)
            {
                continue;
            }
            values[key] = IsPathKey(key) && !Path.IsPathRooted(value) && !value.Contains("://", StringComparison.Ordinal)
                ? Path.GetFullPath(Path.Combine(baseDirectory, value))
                : value;
        }
        return values;
    }

    private static bool IsPathKey(string key)
    {
        var segments = key.Split(':');
        var last = segments[^1];
        if (s_pathKeySuffixes.Any(suffix => last.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }
        return segments.Length >= 2 && int.TryParse(last, out _) && s_pathListSections.Contains(segments[^2], StringComparer.OrdinalIgnoreCase);
    }
}
