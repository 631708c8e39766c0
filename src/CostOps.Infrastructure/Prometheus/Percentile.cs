namespace CostOps.Infrastructure.Prometheus;

/// <summary>Nearest-rank percentiles (no interpolation: the answer is always an observed value).</summary>
internal static class Percentile
{
    public static double? NearestRank(IReadOnlyCollection<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return null;
        }
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
