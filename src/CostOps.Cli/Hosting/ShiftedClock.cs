namespace CostOps.Cli.Hosting;

/// <summary>
/// The system clock moved to another moment (the demo's "night after its data ends"), still
/// ticking, so dates follow the bundled data while durations stay real.
/// </summary>
internal sealed class ShiftedClock(DateTimeOffset startsAt) : TimeProvider
{
    private readonly TimeSpan _offset = startsAt - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;
}
