using System.Text.Json;
using System.Text.RegularExpressions;
using CostOps.TestSupport;

namespace CostOps.Deployment.Tests.Binding;

/// <summary>Who reads an app setting when it is not CostOps' own configuration.</summary>
internal static partial class SettingReaders
{
    /// <summary>
    /// Settings read by the Functions host, the platform or Azure.Identity from the environment, never bound by
    /// CostOps' options: each with who reads it.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Platform = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["AzureWebJobsStorage__credential"] = "Functions host: host storage with a managed identity",
        ["AzureWebJobsStorage__clientId"] = "Functions host: which user-assigned identity",
        ["AzureWebJobsStorage__blobServiceUri"] = "Functions host: blobs (keys, timer locks)",
        ["AzureWebJobsStorage__queueServiceUri"] = "Functions host: queues, only when the nightly fans out (NightlyTcoShard's queue trigger)",
        ["AzureWebJobs.NightlyTcoShard.Disabled"] = "Functions host: the shard queue function is off in single-instance apps",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "Functions host and the worker's telemetry exporter",
        ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "Functions host: Entra-authenticated telemetry",
        ["AZURE_CLIENT_ID"] = "Azure.Identity: the identity DefaultAzureCredential uses",
    };

    /// <summary>
    /// The app settings the timer functions name as <c>%Setting%</c> schedules: found in the function sources
    /// (a [TimerTrigger("%Name%")] or a constant holding "%Name%") and in any function.json under functions/.
    /// </summary>
    public static IReadOnlyList<string> TimerScheduleSettings()
    {
        var functions = RepositoryRoot.Combine("functions");
        var files = Directory.Exists(functions)
            ? Directory.GetFiles(functions, "*", SearchOption.AllDirectories).Where(path => !IsBuildOutput(functions, path))
            : [];
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (file.EndsWith(".cs", StringComparison.Ordinal))
            {
                names.UnionWith(QuotedPlaceholder().Matches(File.ReadAllText(file)).Select(m => m.Groups["name"].Value));
            }
            else if (Path.GetFileName(file) == "function.json")
            {
                using var json = JsonDocument.Parse(File.ReadAllText(file));
                names.UnionWith(json.RootElement.GetProperty("bindings").EnumerateArray()
                    .Where(binding => binding.GetProperty("type").GetString() == "timerTrigger")
                    .Select(binding => binding.GetProperty("schedule").GetString()!.Trim('%')));
            }
        }
        return [.. names];
    }

    /// <summary>Whether any function binds a Storage queue (or a blob trigger, which needs queues on the host account).</summary>
    public static bool AFunctionBindsAStorageQueue()
    {
        var functions = RepositoryRoot.Combine("functions");
        return Directory.Exists(functions) && Directory.GetFiles(functions, "*", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(functions, path))
            .Any(file => (file.EndsWith(".cs", StringComparison.Ordinal) || Path.GetFileName(file) == "function.json")
                && QueueBinding().IsMatch(File.ReadAllText(file)));
    }

    private static bool IsBuildOutput(string root, string path) =>
        Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");

    [GeneratedRegex("\"%(?<name>[A-Za-z][A-Za-z0-9_]*)%\"")]
    private static partial Regex QuotedPlaceholder();

    [GeneratedRegex(@"\[(QueueTrigger|QueueOutput|BlobTrigger)\b|""type""\s*:\s*""(queue|queueTrigger|blobTrigger)""")]
    private static partial Regex QueueBinding();
}
