namespace CostOps.Infrastructure.Prometheus;

/// <summary>One series of a range query: its labels and samples in time order.</summary>
public sealed record PrometheusSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<PrometheusSample> Samples)
{
    /// <summary>A stable identity of the label set, to merge the same series across several queries.</summary>
    public string Key => string.Join(',', Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
