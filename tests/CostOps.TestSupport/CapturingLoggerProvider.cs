using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CostOps.TestSupport;

/// <summary>A log entry as the provider saw it: the formatted message, the structured values and any exception.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, object?>> State, Exception? Exception)
{
    /// <summary>Everything a sink could write for this entry, for "does this secret appear anywhere" assertions.</summary>
    public string AllText => string.Join('\n', [Message, .. State.Select(kv => $"{kv.Key}={kv.Value}"), Exception?.ToString() ?? string.Empty]);
}

/// <summary>Captures every log entry at every level so tests can assert on events and on what was not logged.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ILoggerFactory
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _entries);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            entries.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception), [.. values], exception));
        }
    }
}
