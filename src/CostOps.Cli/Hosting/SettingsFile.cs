using CostOps.Infrastructure.Configuration;
using Microsoft.Extensions.Configuration;

namespace CostOps.Cli.Hosting;

/// <summary>
/// Reads a settings JSON file into configuration keys, resolving relative file paths against the
/// file's folder, so a settings file works from any working directory (the demo's does).
/// </summary>
internal static class SettingsFile
{
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
            values[key] = RelativeSettingPaths.Resolve(key, value, baseDirectory);
        }
        return values;
    }
}
