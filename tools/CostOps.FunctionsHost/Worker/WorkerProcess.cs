using System.Diagnostics;

namespace CostOps.FunctionsHost.Worker;

/// <summary>The worker's OS process, started the way the Functions host starts it.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Completes with the exit code when the process ends.</summary>
    public Task<int> Exited => _exited.Task;

    public static WorkerProcess Start(WorkerConfig config, string appDirectory, Uri rpcAddress, IReadOnlyDictionary<string, string> settings, Action<string> onOutput)
    {
        var workerId = Guid.NewGuid().ToString();
        var start = new ProcessStartInfo(config.ResolveExecutable())
        {
            WorkingDirectory = appDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(config.WorkerPath);
        // Worker 2.x reads only the --functions-* arguments; without the message length it reads 0 and fails.
        start.ArgumentList.Add("--functions-uri");
        start.ArgumentList.Add(rpcAddress.ToString());
        start.ArgumentList.Add("--functions-worker-id");
        start.ArgumentList.Add(workerId);
        start.ArgumentList.Add("--functions-request-id");
        start.ArgumentList.Add(Guid.NewGuid().ToString());
        start.ArgumentList.Add("--functions-grpc-max-message-length");
        start.ArgumentList.Add(int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        // Without the application directory every forwarded HTTP request fails ("Cannot determine script root directory").
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = appDirectory;
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = appDirectory;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => Forward(e.Data, "stdout", onOutput);
        process.ErrorDataReceived += (_, e) => Forward(e.Data, "stderr", onOutput);
        process.Exited += (_, _) => worker._exited.TrySetResult(process.ExitCode);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start '{start.FileName} {config.WorkerPath}'.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits for the process to end and its output to be read, at most <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var waiting = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(waiting.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public void Dispose() => _process.Dispose();

    private static void Forward(string? line, string stream, Action<string> onOutput)
    {
        if (line is not null)
        {
            onOutput($"[{stream}] {line}");
        }
    }
}
