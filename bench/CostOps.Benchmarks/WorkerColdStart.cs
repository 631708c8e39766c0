using System.Diagnostics;
using CostOps.FunctionsHost;

namespace CostOps.Benchmarks;

/// <summary>
/// The Functions app's cold start through the host emulator: from the worker process's start (the OS's record of
/// it) to the first 200 of <c>GET /api/health</c> through the emulator's front end, i.e. what a caller waits for
/// after the host decides to start a worker. Each run starts a fresh worker.
/// </summary>
internal static class WorkerColdStart
{
    /// <param name="app">The app's folder: a build output or a published app.</param>
    public static async Task<(TimeSpan ToHealthy, TimeSpan ToLoaded)> MeasureAsync(string app, IReadOnlyDictionary<string, string> settings)
    {
        await using var emulator = await FunctionsHostEmulator.StartAsync(new FunctionsHostOptions
        {
            AppDirectory = app,
            Environment = settings,
        });
        using var worker = Process.GetProcessById(emulator.ProcessId);
        var started = worker.StartTime;
        while (true)
        {
            using var response = await emulator.Client.GetAsync(new Uri("/api/health", UriKind.Relative));
            if (response.IsSuccessStatusCode)
            {
                return (DateTime.Now - started, emulator.StartedIn);
            }
            await Task.Delay(5);
        }
    }

    public static TimeSpan Median(IEnumerable<TimeSpan> times)
    {
        var sorted = times.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
