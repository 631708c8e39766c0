namespace CostOps.Domain.Autopilot;

/// <summary>How one night's demand compares with break-even, given the policy's band.</summary>
public enum NightSignal
{
    /// <summary>No row for the night, or no demand ratio (and no "never breaks even" verdict).</summary>
    Unknown = 0,

    /// <summary>demandRatio &lt; 1 - band, or self-hosting never breaks even.</summary>
    Below = 1,

    /// <summary>Inside the band: 1 - band &lt;= demandRatio &lt;= 1 + band.</summary>
    Within = 2,

    /// <summary>demandRatio &gt; 1 + band, or break-even is 0 (self-hosting is cheaper at any volume).</summary>
    Above = 3,
}
