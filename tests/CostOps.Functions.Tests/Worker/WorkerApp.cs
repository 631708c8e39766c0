using System.Collections.Concurrent;
using CostOps.FunctionsHost;
using Xunit.Abstractions;

namespace CostOps.Functions.Tests.Worker;

/// <summary>
/// The built Functions app (artifacts/bin/CostOps.Functions) running as a real worker process under the
/// host emulator, with the given app settings. Keeps the worker's log lines until a test writes them to
/// its output (<see cref="FlushLogTo"/>), so a failing test shows what the worker said.
/// </summary>
public sealed class WorkerApp : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _unread;

    private WorkerApp(FunctionsHostEmulator emulator, ConcurrentQueue<string> unread)
    {
        Emulator = emulator;
        _unread = unread;
    }

    public FunctionsHostEmulator Emulator { get; }

    public HttpClient Client => Emulator.Client;

    /// <summary>The app's build output (functions.metadata, host.json, the worker).</summary>
    public static string Directory => BuiltApp.Locate();

    /// <param name="hostClock">The clock the emulated host stamps invocations with (<c>sys.UtcNow</c>); the system's when null.</param>
    public static async Task<WorkerApp> StartAsync(IReadOnlyDictionary<string, string> settings, TimeProvider? hostClock = null)
    {
        var unread = new ConcurrentQueue<string>();
        var emulator = await FunctionsHostEmulator.StartAsync(new FunctionsHostOptions
        {
            AppDirectory = Directory,
            Environment = settings,
            Log = unread.Enqueue,
            TimeProvider = hostClock ?? TimeProvider.System,
        });
        return new WorkerApp(emulator, unread);
    }

    /// <summary>Writes the worker lines logged since the last call to the test's output.</summary>
    public void FlushLogTo(ITestOutputHelper output)
    {
        while (_unread.TryDequeue(out var line))
        {
            output.WriteLine(line);
        }
    }

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();
}
