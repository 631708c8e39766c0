using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CostOps.TestSupport;

/// <summary>A log entry kept by <see cref="RecordingLogger{T}"/>: the formatted message and the exception text.</summary>
public sealed record RecordedLog(LogLevel Level, EventId EventId, string Message, string? Exception);

/// <summary>A logger that keeps every entry, so tests can assert what is (and is not) logged, e.g. no secrets.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<RecordedLog> _entries = new();

    public IReadOnlyList<RecordedLog> Entries => _entries.ToArray();

    /// <summary>Everything logged, messages and exceptions, as one string.</summary>
    public string AllText => string.Join('\n', _entries.Select(e => $"{e.Message}\n{e.Exception}"));

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        _entries.Enqueue(new RecordedLog(logLevel, eventId, formatter(state, exception), exception?.ToString()));
    }
}
