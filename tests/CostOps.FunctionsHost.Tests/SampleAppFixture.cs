using System.Collections.Concurrent;
using Xunit.Abstractions;

namespace CostOps.FunctionsHost.Tests;

/// <summary>One worker of the sample app per test class (starting one takes about half a second).</summary>
public sealed class SampleAppFixture : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _unread = new();
    private FunctionsHostEmulator? _emulator;

    public FunctionsHostEmulator Emulator => _emulator ?? throw new InvalidOperationException("The fixture has not started.");

    public static string AppDirectory => BuiltApp.Locate("SampleApp");

    public async Task InitializeAsync()
    {
        _emulator = await FunctionsHostEmulator.StartAsync(new FunctionsHostOptions
        {
            AppDirectory = AppDirectory,
            Environment = new Dictionary<string, string> { ["SAMPLE_SETTING"] = "from the emulator" },
            Log = _unread.Enqueue,
        });
    }

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    /// <summary>Writes the worker lines logged since the last call to the current test's output.</summary>
    public void FlushLogTo(ITestOutputHelper output)
    {
        while (_unread.TryDequeue(out var line))
        {
            output.WriteLine(line);
        }
    }
}
