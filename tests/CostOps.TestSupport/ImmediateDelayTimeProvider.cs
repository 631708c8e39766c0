using System.Collections.Concurrent;

namespace CostOps.TestSupport;

/// <summary>
/// A clock whose timers fire at once and which records every delay asked of it, so code that waits through
/// <c>Task.Delay(delay, timeProvider)</c> (retry back-off, Retry-After) can be tested for what it would have
/// waited, without waiting and without timing assertions.
/// </summary>
public sealed class ImmediateDelayTimeProvider(DateTimeOffset now) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    public IReadOnlyList<TimeSpan> RequestedDelays => _delays.ToArray();

    public override DateTimeOffset GetUtcNow() => now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _delays.Enqueue(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }
        return new NoTimer();
    }

    private sealed class NoTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
