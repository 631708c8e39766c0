namespace CostOps.Infrastructure.AzureMonitor;

/// <summary>One metric of one resource. <see cref="ErrorCode"/> other than <c>Success</c> means the metric failed for that resource.</summary>
public sealed record MetricResult(string Name, string? Unit, string ErrorCode, string? ErrorMessage, IReadOnlyList<MetricSeries> Series)
{
    public bool Succeeded => string.Equals(ErrorCode, "Success", StringComparison.OrdinalIgnoreCase);
}
