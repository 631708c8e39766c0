using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace CostOps.TestSupport;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that moves itself on by every delay asked of it and remembers each one, so code
/// that waits through <c>Task.Delay(delay, timeProvider)</c> (retry back-off, Retry-After) runs at once and a test
/// can assert what it would have waited, without waiting and without timing assertions.
/// </summary>
public sealed class DelayRecordingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    /// <summary>Every due time asked of a timer, in order.</summary>
    public IReadOnlyList<TimeSpan> Delays => _delays.ToArray();

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _delays.Enqueue(dueTime);
            // From the thread pool, never inside CreateTimer: Task.Delay stores the timer after creating it.
            ThreadPool.QueueUserWorkItem(_ => Advance(dueTime));
        }
        return timer;
    }
}
