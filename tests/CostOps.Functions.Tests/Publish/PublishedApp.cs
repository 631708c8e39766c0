using System.Diagnostics;
using CostOps.TestSupport;

namespace CostOps.Functions.Tests.Publish;

/// <summary>scripts/publish.sh run once for the test class, into a folder of its own (not the developer's artifacts/app).</summary>
public sealed class PublishedApp : IAsyncLifetime
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), $"costops-publish-{Guid.NewGuid():N}");

    public string AppDirectory => Path.Combine(_out, "app");

    public string ZipFile => Path.Combine(_out, "costops-app.zip");

    public string Output { get; private set; } = "";

    public int ExitCode { get; private set; }

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { RepositoryRoot.Combine("scripts", "publish.sh"), "--out", _out },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        ExitCode = process.ExitCode;
        Output = await stdout + await stderr;
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
        return Task.CompletedTask;
    }
}
