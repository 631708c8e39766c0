using System.Collections.Concurrent;

namespace CostOps.TestSupport;

/// <summary>
/// A clock whose timers fire at once and remember what they were asked to wait, so retry tests run
/// instantly and can assert the delay a server asked for (Retry-After) without measuring elapsed time.
/// The clock advances by each requested delay.
/// </summary>
public sealed class RecordingDelayTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _delays = new();
    private long _elapsedTicks;

    public IReadOnlyList<TimeSpan> Delays => _delays.ToArray();

    public override DateTimeOffset GetUtcNow() => start + TimeSpan.FromTicks(Interlocked.Read(ref _elapsedTicks));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _delays.Enqueue(dueTime);
            Interlocked.Add(ref _elapsedTicks, dueTime.Ticks);
            // Fire on the thread pool, never inside CreateTimer: Task.Delay stores the timer after creating it.
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }
        return new FiredTimer();
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
