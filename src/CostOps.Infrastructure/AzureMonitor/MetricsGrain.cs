using System.Xml;

namespace CostOps.Infrastructure.AzureMonitor;

/// <summary>
/// Brings a metrics answer to the grain that was asked for. Azure Monitor answers at another <c>interval</c> than the
/// requested one when a metric does not support it, and every reader counts buckets of the requested size (24 per day):
/// <list type="bullet">
/// <item>Same grain, or no <c>interval</c> in the answer (saved files may lack it): kept as is.</item>
/// <item>Finer, dividing the requested grain: its buckets are combined into requested ones. <c>total</c> and
/// <c>count</c> are summed, <c>minimum</c> and <c>maximum</c> are the extremes, <c>average</c> is weighted by
/// <c>count</c> when every sub-bucket has one, else the mean of the sub-buckets (equal durations). A requested bucket is
/// known only when every one of its sub-buckets has a value for that aggregation: part of an hour is not the hour.</item>
/// <item>Coarser, not dividing it, or unreadable: the resource's answer is refused with a problem, its data unknown.
/// Splitting a coarse bucket into hours would invent how the value was spread over them.</item>
/// </list>
/// </summary>
internal static class MetricsGrain
{
    /// <summary>The metrics at <paramref name="request"/>'s interval, or the problem that makes them unknown.</summary>
    /// <param name="answeredInterval">The answer's ISO 8601 <c>interval</c>, or null when it gave none.</param>
    public static (IReadOnlyList<MetricResult> Metrics, string? Problem) ToRequested(IReadOnlyList<MetricResult> metrics, string? answeredInterval, MetricsRequest request)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(answeredInterval))
        {
            return (metrics, null);
        }
        var asked = XmlConvert.ToString(request.Interval);
        TimeSpan answered;
        try
        {
            answered = XmlConvert.ToTimeSpan(answeredInterval.Trim());
        }
        catch (FormatException)
        {
            return ([], $"the answer's interval '{answeredInterval}' is not an ISO 8601 duration; its data is left unknown.");
        }
        if (answered == request.Interval)
        {
            return (metrics, null);
        }
        if (answered <= TimeSpan.Zero || answered > request.Interval || request.Interval.Ticks % answered.Ticks != 0)
        {
            var how = answered > request.Interval ? "coarser than" : "not a divisor of";
            return ([], $"answered at interval {answeredInterval}, {how} the {asked} asked; its data is left unknown.");
        }
        var perBucket = (int)(request.Interval.Ticks / answered.Ticks);
        return ([.. metrics.Select(m => m with { Series = [.. m.Series.Select(s => s with { Points = Combine(s.Points, perBucket, request) })] })], null);
    }

    /// <summary>One resource's parsed answer at the requested grain, or failed with the problem (see <see cref="ToRequested"/>).</summary>
    public static ResourceMetrics Resource(string resourceId, IReadOnlyList<MetricResult> metrics, string? answeredInterval, MetricsRequest request)
    {
        var (atGrain, problem) = ToRequested(metrics, answeredInterval, request);
        return problem is null ? new ResourceMetrics(resourceId, atGrain) : ResourceMetrics.Failed(resourceId, problem);
    }

    private static List<MetricPoint> Combine(IReadOnlyList<MetricPoint> points, int perBucket, MetricsRequest request)
    {
        var combined = new List<MetricPoint>();
        var buckets = points
            .DistinctBy(p => p.TimeStamp)
            .GroupBy(p => BucketOf(p.TimeStamp, request))
            .OrderBy(g => g.Key);
        foreach (var bucket in buckets)
        {
            var parts = bucket.ToList();
            double[]? All(Func<MetricPoint, double?> value) =>
                parts.Count == perBucket && parts.All(p => value(p) is { } v && double.IsFinite(v)) ? [.. parts.Select(p => value(p)!.Value)] : null;
            var totals = All(p => p.Total);
            var counts = All(p => p.Count);
            var minimums = All(p => p.Minimum);
            var maximums = All(p => p.Maximum);
            var averages = All(p => p.Average);
            double? average = null;
            if (averages is not null)
            {
                average = counts is not null && counts.Sum() > 0
                    ? averages.Zip(counts, (a, c) => a * c).Sum() / counts.Sum()
                    : averages.Average();
            }
            combined.Add(new MetricPoint(bucket.Key, average, minimums?.Min(), maximums?.Max(), totals?.Sum(), counts?.Sum()));
        }
        return combined;
    }

    private static DateTimeOffset BucketOf(DateTimeOffset timeStamp, MetricsRequest request)
    {
        var offset = (timeStamp - request.Start).Ticks;
        var index = offset >= 0 ? offset / request.Interval.Ticks : ((offset + 1) / request.Interval.Ticks) - 1;
        return request.Start.AddTicks(index * request.Interval.Ticks);
    }
}
