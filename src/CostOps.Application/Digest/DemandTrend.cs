namespace CostOps.Application.Digest;

/// <summary>How the latest demand ratio moved against the previous week's latest.</summary>
public enum DemandTrend
{
    /// <summary>One of the two weeks has no demand ratio.</summary>
    Unknown,

    /// <summary>Moved by less than <see cref="WeeklyDigestBuilder.FlatTrendThreshold"/>.</summary>
    Flat,

    /// <summary>Rose.</summary>
    Up,

    /// <summary>Fell.</summary>
    Down,
}
