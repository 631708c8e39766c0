namespace CostOps.Infrastructure.AzureMonitor;

/// <summary>One time bucket of a metric series. A bucket with only a timestamp has every value null: no data, not zero.</summary>
public sealed record MetricPoint(DateTimeOffset TimeStamp, double? Average, double? Minimum, double? Maximum, double? Total, double? Count)
{
    /// <summary>The value of one aggregation (<c>average</c>, <c>minimum</c>, <c>maximum</c>, <c>total</c>, <c>count</c>).</summary>
    public double? ValueOf(string aggregation) => aggregation.ToLowerInvariant() switch
    {
        "average" => Average,
        "minimum" => Minimum,
        "maximum" => Maximum,
        "total" => Total,
        "count" => Count,
        _ => throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "Unknown aggregation."),
    };
}
