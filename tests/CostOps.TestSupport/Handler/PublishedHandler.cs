using System.Diagnostics;

namespace CostOps.TestSupport.Handler;

/// <summary>
/// The handler as it ships: published once per test run (self-contained, single file, linux-x64,
/// like scripts/publish.sh) into artifacts/test-handler/, so contract tests talk to the real binary.
/// </summary>
public static class PublishedHandler
{
    private static readonly Lazy<Task<string>> s_executable = new(PublishAsync);

    public static Task<string> GetExecutableAsync() => s_executable.Value;

    private static async Task<string> PublishAsync()
    {
        var output = RepositoryRoot.Combine("artifacts", "test-handler");
        var project = RepositoryRoot.Combine("src", "CostOps.Handler", "CostOps.Handler.csproj");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                "publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "true",
                "-p:PublishSingleFile=true", "-p:PublishTrimmed=false", "-p:DebugType=none", "-o", output, "--nologo", "-v", "quiet",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"publishing the handler failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
        return Path.Combine(output, "handler");
    }
}
