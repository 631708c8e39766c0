using System.Diagnostics;
using System.Text.Json;

namespace CostOps.Application.Tests.Digest.Rendering;

/// <summary>
/// Runs <c>cardcheck/check-card.js</c> (adaptivecards 3.0.6, pinned by its lockfile) on a card under Node, after
/// <c>npm ci</c> when node_modules is missing: a real client's parser, not our own idea of the schema.
/// </summary>
internal static class AdaptiveCardChecker
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static string Folder { get; } = FindFolder();

    /// <summary>Checks a card against schema <paramref name="targetVersion"/> (1.5 by default; Teams mobile renders 1.2).</summary>
    public static async Task<CardCheck> CheckAsync(string cardJson, string targetVersion = "1.5", CancellationToken cancellationToken = default)
    {
        await EnsureInstalledAsync(cancellationToken);
        var file = Path.Combine(Path.GetTempPath(), $"costops-card-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, cardJson, cancellationToken);
        try
        {
            var output = await RunAsync("node", ["check-card.js", "--target", targetVersion, file], cancellationToken);
            var results = JsonSerializer.Deserialize<List<CardCheck>>(output, Web)
                ?? throw new InvalidOperationException("check-card.js printed nothing.");
            return Assert.Single(results);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        await InstallLock.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(Path.Combine(Folder, "node_modules", "adaptivecards", "dist", "adaptivecards.js")))
            {
                // Other test assemblies use this folder too and run in parallel: npm ci empties node_modules first.
                await using var installing = await LockAcrossProcessesAsync(cancellationToken);
                if (!File.Exists(Path.Combine(Folder, "node_modules", "adaptivecards", "dist", "adaptivecards.js")))
                {
                    await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], cancellationToken);
                }
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static async Task<FileStream> LockAcrossProcessesAsync(CancellationToken cancellationToken)
    {
        var name = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Folder)).AsSpan(0, 8));
        var path = Path.Combine(Path.GetTempPath(), $"costops-cardcheck-{name}.lock");
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive lock between .NET processes on every OS.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }

    private static async Task<string> RunAsync(string fileName, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}");
        }
        return await stdout;
    }

    private static string FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "CostOps.Application.Tests", "cardcheck");
            if (File.Exists(Path.Combine(candidate, "package-lock.json")))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"tests/CostOps.Application.Tests/cardcheck not found above {AppContext.BaseDirectory}.");
    }
}
