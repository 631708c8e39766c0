using CostOps.Infrastructure.Pipeline;

namespace CostOps.Infrastructure.Files;

/// <summary>Resolves a configured path (one file, or a folder of files) to the export files to read, in name order.</summary>
internal static class ExportFiles
{
    public static IReadOnlyList<string> Resolve(string path, string extension, SourceContext source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (File.Exists(path))
        {
            return [path];
        }
        if (Directory.Exists(path))
        {
            return [.. Directory.EnumerateFiles(path, "*" + extension, SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal)];
        }
        throw source.Error($"cannot read '{path}': no such file or folder.");
    }

    public static FileStream Open(string file, SourceContext source)
    {
        try
        {
            return File.OpenRead(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw source.Error($"cannot read '{file}': {exception.Message}", exception);
        }
    }
}
