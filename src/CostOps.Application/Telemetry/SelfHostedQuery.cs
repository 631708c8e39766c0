using CostOps.Domain.Time;

namespace CostOps.Application.Telemetry;

/// <summary>
/// What to read from a Prometheus-compatible source: the series of one or more self-hosted deployments, each picked by
/// its label selector. A source answers every selector of one query together, so a fleet costs one range query per
/// metric rather than one per deployment and metric.
/// </summary>
/// <param name="Days">The UTC days to report.</param>
/// <param name="Selectors">The deployments, each with its own facts; the same selector twice is answered once.</param>
public sealed record SelfHostedQuery(DayRange Days, IReadOnlyList<SelfHostedSelector> Selectors)
{
    /// <summary>One deployment's query.</summary>
    /// <param name="days">The UTC days to report.</param>
    /// <param name="labelSelector">See <see cref="SelfHostedSelector.LabelSelector"/>.</param>
    public SelfHostedQuery(DayRange days, string labelSelector)
        : this(days, [new SelfHostedSelector(labelSelector)])
    {
    }
}

/// <summary>One deployment's series in a <see cref="SelfHostedQuery"/>.</summary>
/// <param name="LabelSelector">PromQL label matchers without braces that pick the deployment's series,
/// e.g. <c>model_name="llama-ft",job="vllm"</c>. Empty selects every series of the metric.</param>
/// <param name="ExpectedSeries">How many series the selector is expected to match per metric (e.g. the deployment's
/// VMs); sources use it to keep each answer within the server's limits. An estimate, never a filter.</param>
public sealed record SelfHostedSelector(string LabelSelector, int ExpectedSeries = 1);
