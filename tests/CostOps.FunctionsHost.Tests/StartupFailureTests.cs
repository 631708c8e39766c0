namespace CostOps.FunctionsHost.Tests;

/// <summary>Workers that never get ready: the error says why, with what the worker printed.</summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly DirectoryInfo _app = Directory.CreateTempSubdirectory("costops-fake-worker-");

    public void Dispose() => _app.Delete(recursive: true);

    [Fact]
    public async Task AWorkerThatExitsEarly_IsAStartupException_WithItsOutputAndExitCode()
    {
        WriteShellWorker("echo 'cannot read settings: CostOps:Storage is missing' >&2; exit 3");

        var error = await Assert.ThrowsAsync<WorkerStartupException>(() => FunctionsHostEmulator.StartAsync(new FunctionsHostOptions { AppDirectory = _app.FullName }));

        Assert.Contains("exited with code 3", error.Reason, StringComparison.Ordinal);
        Assert.Contains("[stderr] cannot read settings: CostOps:Storage is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWorkerThatNeverConnects_IsAStartupException_AfterTheTimeout()
    {
        WriteShellWorker("echo 'starting slowly'; exec sleep 30");

        var error = await Assert.ThrowsAsync<WorkerStartupException>(() => FunctionsHostEmulator.StartAsync(new FunctionsHostOptions
        {
            AppDirectory = _app.FullName,
            StartupTimeout = TimeSpan.FromSeconds(1),
        }));

        Assert.Contains("did not get ready within 1 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("[stdout] starting slowly", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFolderWithoutWorkerConfig_IsNamedInTheError()
    {
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => FunctionsHostEmulator.StartAsync(new FunctionsHostOptions { AppDirectory = _app.FullName }));

        Assert.Contains("worker.config.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LocatingAnAppThatWasNeverBuilt_SaysToBuildIt()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => BuiltApp.Locate("NoSuchApp"));

        Assert.Contains("Build it first", error.Message, StringComparison.Ordinal);
    }

    // worker.config.json may name any executable; a shell script stands in for a worker that misbehaves.
    private void WriteShellWorker(string script)
    {
        File.WriteAllText(Path.Combine(_app.FullName, "worker.sh"), script + "\n");
        File.WriteAllText(Path.Combine(_app.FullName, "worker.config.json"),
            """{"description":{"language":"dotnet-isolated","defaultExecutablePath":"/bin/sh","defaultWorkerPath":"worker.sh"}}""");
    }
}
