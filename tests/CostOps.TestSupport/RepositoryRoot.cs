namespace CostOps.TestSupport;

/// <summary>Finds the repository's root (the folder holding CostOps.sln) from the test's output folder.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CostOps.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"CostOps.sln not found above {AppContext.BaseDirectory}");
    }
}
