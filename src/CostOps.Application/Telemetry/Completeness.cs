namespace CostOps.Application.Telemetry;

/// <summary>
/// How much of the telemetry a fact needed actually arrived: <see cref="Expected"/> points were due,
/// <see cref="Arrived"/> of them were present. Missing points are never read as zero usage; a fact
/// whose completeness is below 1 carries nulls where data was missing and blocks autopilot actions.
/// </summary>
public readonly record struct Completeness
{
    /// <summary>Creates a completeness figure; <paramref name="arrived"/> is clamped to <paramref name="expected"/>.</summary>
    public Completeness(int expected, int arrived)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expected);
        ArgumentOutOfRangeException.ThrowIfNegative(arrived);
        Expected = expected;
        // Sources sometimes return extra points (duplicated buckets, scrape jitter); extra data
        // cannot make up for data that is missing elsewhere, so the ratio never exceeds 1.
        Arrived = Math.Min(arrived, expected);
    }

    /// <summary>The number of telemetry points the fact needed.</summary>
    public int Expected { get; }

    /// <summary>The number of those points that were present.</summary>
    public int Arrived { get; }

    /// <summary>
    /// <see cref="Arrived"/> / <see cref="Expected"/> in [0, 1]; 0 when nothing was expected, because
    /// a fact built from no expected data is no evidence of anything.
    /// </summary>
    public double Ratio => Expected == 0 ? 0d : (double)Arrived / Expected;

    /// <summary>True when every expected point arrived.</summary>
    public bool IsComplete => Expected > 0 && Arrived == Expected;

    /// <summary>Every expected point arrived.</summary>
    public static Completeness Full(int expected) => new(expected, expected);

    /// <summary>Nothing of what was expected arrived.</summary>
    public static Completeness Missing(int expected) => new(expected, 0);

    /// <summary>The completeness of two inputs taken together.</summary>
    public Completeness Add(Completeness other) => new(Expected + other.Expected, Arrived + other.Arrived);

    /// <summary>The completeness of many inputs taken together.</summary>
    public static Completeness Combine(IEnumerable<Completeness> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var total = new Completeness(0, 0);
        foreach (var part in parts)
        {
            total = total.Add(part);
        }
        return total;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Arrived}/{Expected}";
}
