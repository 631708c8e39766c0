namespace CostOps.Domain.Autopilot;

/// <summary>
/// How many instances each scale set needs for a demand: n(R) = ceil(R / C) from docs/economics.md,
/// shared evenly by the workload's scale sets (rounded up), clamped to [min, max] per scale set.
/// C already sizes for the peak (it divides by peakToAverage), so n(R) is the peak-demand count.
/// </summary>
/// <param name="CapacityPerInstance">C: requests per month one instance serves; null when unknown (no scaling).</param>
/// <param name="ScaleSets">How many scale sets share the demand (at least 1).</param>
internal sealed record ScaleSizing(decimal? CapacityPerInstance, int MinInstances, int MaxInstances, int ScaleSets)
{
    public int? InstancesNeeded(decimal? requestsPerMonth)
    {
        if (requestsPerMonth is not { } requests || CapacityPerInstance is not > 0m)
        {
            return null;
        }
        var fleet = requests <= 0m ? 0m : Math.Ceiling(requests / CapacityPerInstance.Value);
        var perScaleSet = Math.Ceiling(fleet / Math.Max(1, ScaleSets));
        return (int)Math.Clamp(perScaleSet, MinInstances, MaxInstances);
    }
}
