using CostOps.Domain.Observed;

namespace CostOps.Domain.Autopilot;

/// <summary>
/// One night of the decision window as the rules saw it: the stored figures they read and what
/// they made of them. Kept in the decision so it can be reproduced from the record alone.
/// </summary>
/// <param name="Present">False when no DailyTco row existed for the day (the night counts as incomplete).</param>
/// <param name="InstancesNeeded">Instances per scale set for the night's projected demand, clamped to the policy's range; null when capacity or demand is unknown.</param>
public sealed record WindowNight(
    DateOnly Day,
    bool Present,
    decimal? DemandRatio,
    decimal? BreakEvenRequestsPerMonth,
    decimal? ProjectedRequestsPerMonth,
    bool NeverBreaksEven,
    decimal? Completeness,
    NightSignal Signal,
    int? InstancesNeeded)
{
    public static WindowNight Missing(DateOnly day) => new(day, false, null, null, null, false, null, NightSignal.Unknown, null);

    /// <summary>Reads a stored row: classifies it against the band and sizes the scale sets for its demand.</summary>
    internal static WindowNight From(DailyTco row, decimal band, ScaleSizing sizing)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(sizing);
        return new WindowNight(
            row.Day,
            true,
            row.DemandRatio,
            row.BreakEvenRequestsPerMonth,
            row.ProjectedRequestsPerMonth,
            row.NeverBreaksEven,
            row.Completeness,
            Classify(row, band),
            sizing.InstancesNeeded(row.ProjectedRequestsPerMonth));
    }

    public bool IsComplete(decimal minCompleteness) => Present && Completeness >= minCompleteness;

    /// <summary>
    /// A night that never breaks even counts as below the band: no volume makes self-hosting pay,
    /// so it is the strongest "below" there is. A break-even of 0 is the mirror image: self-hosting
    /// is cheaper at any volume, the strongest "above".
    /// </summary>
    private static NightSignal Classify(DailyTco row, decimal band)
    {
        if (row.NeverBreaksEven)
        {
            return NightSignal.Below;
        }
        if (row is { BreakEvenRequestsPerMonth: 0m, ProjectedRequestsPerMonth: not null })
        {
            return NightSignal.Above;
        }
        return row.DemandRatio switch
        {
            null => NightSignal.Unknown,
            { } ratio when ratio < 1m - band => NightSignal.Below,
            { } ratio when ratio > 1m + band => NightSignal.Above,
            _ => NightSignal.Within,
        };
    }
}
