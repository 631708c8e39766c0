using System.Diagnostics;
using System.Text;

namespace CostOps.TestSupport.Handler;

/// <summary>
/// The published handler running as a real process on a free loopback port, started the way the
/// Functions host starts it (FUNCTIONS_CUSTOMHANDLER_PORT and app settings as environment variables).
/// </summary>
public sealed class HandlerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private HandlerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(2) };
    }

    public int Port { get; }

    /// <summary>The handler's process id (benchmarks read its CPU time).</summary>
    public int ProcessId => _process.Id;

    public HttpClient Client { get; }

    /// <summary>Process start to the first answer on GET / (the host's readiness probe).</summary>
    public TimeSpan StartedIn { get; private set; }

    public string StandardOutput
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the handler and waits until GET / answers (or the process exits, or 60 s pass: the host's own limit).</summary>
    public static async Task<HandlerProcess> StartAsync(IReadOnlyDictionary<string, string> environment, bool waitUntilReady = true)
    {
        var executable = await PublishedHandler.GetExecutableAsync();
        var port = LoopbackPorts.Free();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(executable)!,
        };
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("the handler did not start");
        var handler = new HandlerProcess(process, port);
        process.OutputDataReceived += (_, e) => Append(handler._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(handler._stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!waitUntilReady)
        {
            return handler;
        }
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
                throw new InvalidOperationException($"the handler exited with {process.ExitCode} before answering:\n{handler.StandardError}\n{handler.StandardOutput}");
            }
            try
            {
                using var response = await probe.GetAsync(new Uri($"http://127.0.0.1:{port}/"));
                handler.StartedIn = clock.Elapsed;
                return handler;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(20);
            }
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException($"the handler did not answer GET / within 60 s:\n{handler.StandardError}");
    }

    /// <summary>Waits for the process to exit by itself (start-up failures).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }
}
