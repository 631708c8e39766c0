using CostOps.Domain.Time;

namespace CostOps.Application.Telemetry;

/// <summary>
/// What to read from a Prometheus-compatible source for one self-hosted deployment.
/// </summary>
/// <param name="Days">The UTC days to report.</param>
/// <param name="LabelSelector">PromQL label matchers without braces that pick the deployment's series,
/// e.g. <c>model_name="llama-ft",job="vllm"</c>. Empty selects every series of the metric.</param>
public sealed record SelfHostedQuery(DayRange Days, string LabelSelector);
