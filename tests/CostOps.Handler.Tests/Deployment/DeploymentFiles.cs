using System.Text.Json;
using System.Text.RegularExpressions;
using CostOps.TestSupport;

namespace CostOps.Handler.Tests.Deployment;

/// <summary>The deployment files of the repository, read the way the tests need them.</summary>
internal static partial class DeploymentFiles
{
    public static string BicepDirectory { get; } = RepositoryRoot.Combine("bicep");

    public static BicepText Main { get; } = Bicep("main.bicep");

    public static BicepText FunctionApp { get; } = Bicep("modules", "functionapp.bicep");

    public static BicepText Bicep(params string[] relativePath) => BicepText.Load(Path.Combine([BicepDirectory, .. relativePath]));

    /// <summary>Every .bicep file, by path relative to bicep/ with forward slashes.</summary>
    public static IReadOnlyDictionary<string, BicepText> AllBicep() =>
        Directory.GetFiles(BicepDirectory, "*.bicep", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToDictionary(path => Path.GetRelativePath(BicepDirectory, path).Replace('\\', '/'), BicepText.Load);

    /// <summary>
    /// The app settings the template gives the function app with its default parameters, by name
    /// (case-insensitive, like configuration): the core settings, the default timer schedules and
    /// the Key Vault references. Values are Bicep expression text.
    /// </summary>
    public static IReadOnlyDictionary<string, string> AppSettings()
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in Main.ObjectEntries("coreAppSettings").Concat(Main.ObjectEntries("defaultTimerSchedules")))
        {
            settings[entry.Key] = entry.Value;
        }
        foreach (var entry in Main.ObjectEntries("keyVaultSecrets"))
        {
            settings[entry.Key] = $"@Microsoft.KeyVault(...{entry.Value})";
        }
        return settings;
    }

    /// <summary>The function folders under functions/, by name.</summary>
    public static IReadOnlyList<string> FunctionFolders() =>
        [.. Directory.GetDirectories(RepositoryRoot.Combine("functions")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    /// <summary>A function's function.json, parsed.</summary>
    public static JsonElement FunctionJson(string function)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("functions", function, "function.json")));
        return document.RootElement.Clone();
    }

    /// <summary>The <c>%Setting%</c> placeholders anywhere in a function's function.json.</summary>
    public static IReadOnlyList<string> Placeholders(string function) =>
        [.. Strings(FunctionJson(function)).SelectMany(text => Placeholder().Matches(text).Select(m => m.Groups["name"].Value)).Distinct()];

    /// <summary>The binding types of a function.</summary>
    public static IReadOnlyList<string> BindingTypes(string function) =>
        [.. FunctionJson(function).GetProperty("bindings").EnumerateArray().Select(binding => binding.GetProperty("type").GetString() ?? "")];

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(property => Strings(property.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    [GeneratedRegex("%(?<name>[^%\\s]+)%")]
    private static partial Regex Placeholder();
}
