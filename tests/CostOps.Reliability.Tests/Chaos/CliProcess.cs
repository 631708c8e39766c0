using System.Diagnostics;
using System.Text;
using CostOps.TestSupport;

namespace CostOps.Reliability.Tests.Chaos;

/// <summary>
/// The built <c>costops</c> CLI (artifacts/bin/CostOps.Cli) as a child process, so a test can SIGKILL it mid-run the way
/// a host recycles an instance. Its environment is the test's plus the given variables (settings as <c>CostOps__...</c>).
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _error = new();

    private CliProcess(Process process)
    {
        _process = process;
    }

    public string Out
    {
        get { lock (_out) { return _out.ToString(); } }
    }

    public string Error
    {
        get { lock (_error) { return _error.ToString(); } }
    }

    public bool HasExited => _process.HasExited;

    public static string Assembly { get; } = Locate();

    public static CliProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        start.ArgumentList.Add(Assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var process = new Process { StartInfo = start };
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) => Append(cli._out, e.Data);
        process.ErrorDataReceived += (_, e) => Append(cli._error, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Runs to the end (or fails the test after <paramref name="timeout"/>) and returns the exit code.</summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(
        IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        using var cli = Start(arguments, environment);
        var code = await cli.WaitAsync(timeout ?? TimeSpan.FromSeconds(90));
        return (code, cli.Out, cli.Error);
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"costops did not finish within {timeout}; it said:\n{Out}\n{Error}");
        }
        // WaitForExitAsync returns once the redirected streams are drained too.
        return _process.ExitCode;
    }

    /// <summary>SIGKILL (Process.Kill on Unix): no finally blocks, no flushing, exactly a crashed host.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public void Dispose()
    {
        Kill();
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

    private static string Locate()
    {
#if DEBUG
        const string Configuration = "debug";
#else
        const string Configuration = "release";
#endif
        var path = RepositoryRoot.Combine("artifacts", "bin", "CostOps.Cli", Configuration, "costops.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing: build src/CostOps.Cli ({Configuration}) first (the test project references it, so building the tests does).", path);
    }
}
