namespace CostOps.TestSupport;

/// <summary>A settable clock (Microsoft.Extensions.TimeProvider.Testing is not obtainable here).</summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    public void SetUtcNow(DateTimeOffset value) => _now = value;
}
