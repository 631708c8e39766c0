namespace CostOps.Infrastructure.Azurite;

/// <summary>
/// Finds the repository's (or published app's) <c>infra/</c> folder, which pins Azurite in
/// <c>package.json</c> + <c>package-lock.json</c>, by walking up from the given directories.
/// </summary>
public static class InfraDirectory
{
    /// <summary>The first <c>infra/</c> with a package.json above any of <paramref name="startDirectories"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">None was found; the message lists where it looked.</exception>
    public static string Find(params string[] startDirectories)
    {
        ArgumentNullException.ThrowIfNull(startDirectories);
        foreach (var start in startDirectories.Where(d => !string.IsNullOrEmpty(d)))
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "infra");
                if (File.Exists(Path.Combine(candidate, "package.json")))
                {
                    return candidate;
                }
            }
        }
        throw new DirectoryNotFoundException(
            $"No infra/package.json (the pinned Azurite) was found above {string.Join(" or ", startDirectories)}; run from the repository or configure a storage connection string.");
    }

    /// <summary>Looks above the current directory, then above the app's base directory.</summary>
    public static string FindDefault() => Find(Directory.GetCurrentDirectory(), AppContext.BaseDirectory);

    /// <summary>The azurite-table launcher script npm installs under <paramref name="infraDirectory"/>.</summary>
    public static string AzuriteTableExecutable(string infraDirectory) => AzuriteExecutable(infraDirectory, "azurite-table");

    /// <summary>The azurite-queue launcher script from the same package.</summary>
    public static string AzuriteQueueExecutable(string infraDirectory) => AzuriteExecutable(infraDirectory, "azurite-queue");

    private static string AzuriteExecutable(string infraDirectory, string name) =>
        Path.Combine(infraDirectory, "node_modules", ".bin", OperatingSystem.IsWindows() ? name + ".cmd" : name);
}
