using System.IO.Compression;
using System.Text;

namespace CostOps.Deployment.Tests.Scripts;

/// <summary>A stand-in for artifacts/costops-app.zip: the files a published isolated-worker app has at its root.</summary>
internal static class AppPackage
{
    public static readonly string[] RootFiles = ["host.json", "functions.metadata", "worker.config.json"];

    /// <summary>Writes a package to <paramref name="path"/> with the given root files (and the app's own files).</summary>
    public static string Write(string path, IEnumerable<string> rootFiles, string? catalogPath = null)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var file in rootFiles)
        {
            Add(zip, file, file == "host.json" ? """{ "version": "2.0" }""" : "{}");
        }
        Add(zip, "CostOps.Functions.dll", "not a real assembly");
        Add(zip, ".azurefunctions/function.deps.json", "{}");
        if (catalogPath is not null)
        {
            Add(zip, catalogPath, """{ "workloads": [] }""");
        }
        return path;
    }

    /// <summary>The entry names of a package.</summary>
    public static IReadOnlyList<string> Entries(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return [.. zip.Entries.Select(entry => entry.FullName)];
    }

    /// <summary>One entry's text.</summary>
    public static string Read(string path, string entryName)
    {
        using var zip = ZipFile.OpenRead(path);
        using var reader = new StreamReader(zip.GetEntry(entryName)!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static void Add(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }
}
