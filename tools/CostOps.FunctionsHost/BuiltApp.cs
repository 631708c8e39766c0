namespace CostOps.FunctionsHost;

/// <summary>Finds a functions app's build output in the repository's artifacts folder.</summary>
public static class BuiltApp
{
    /// <summary>
    /// artifacts/bin/<paramref name="projectName"/>/<paramref name="configuration"/> (lower case, as
    /// UseArtifactsOutput names it), searched from AppContext.BaseDirectory upward. The configuration
    /// defaults to the one this assembly was built with.
    /// </summary>
    public static string Locate(string projectName = "CostOps.Functions", string? configuration = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectName);
        var pivot = (configuration ?? BuiltConfiguration).ToLowerInvariant();
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var artifacts = Path.Combine(directory.FullName, "artifacts");
            if (!Directory.Exists(artifacts))
            {
                continue;
            }

            var candidate = Path.Combine(artifacts, "bin", projectName, pivot);
            if (File.Exists(Path.Combine(candidate, "functions.metadata")))
            {
                return candidate;
            }

            throw new DirectoryNotFoundException(
                $"'{candidate}' holds no functions.metadata: the {projectName} app is not built ({pivot}). Build it first, e.g. `dotnet build {(projectName == "CostOps.Functions" ? "functions" : projectName)}`.");
        }

        throw new DirectoryNotFoundException($"No artifacts folder above '{AppContext.BaseDirectory}': build the {projectName} app first.");
    }

#if DEBUG
    private const string BuiltConfiguration = "debug";
#else
    private const string BuiltConfiguration = "release";
#endif
}
