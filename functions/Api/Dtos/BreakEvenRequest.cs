using System.Text.Json.Serialization;

namespace CostOps.Functions.Api.Dtos;

/// <summary>
/// The body of <c>POST /api/breakeven</c>: a what-if scenario in the format of
/// <c>costops breakeven --scenario</c> (samples/scenarios/*.json), plus <c>sensitivity</c>.
/// Or, with <c>workloadId</c>, a workload's observed profile with the other fields as overrides.
/// </summary>
/// <remarks>
/// With <c>workloadId</c> the base scenario is built from the workload's stored rows of the 7 UTC
/// days ending <c>asOf</c> (default yesterday) and its catalog entry; the rest of the body is merged
/// onto it as an RFC 7396 JSON Merge Patch: objects merge field by field, <c>null</c> removes a field
/// (so its default or the price book applies: e.g. <c>"selfHosted": {"gpuHourly": null, "gpuSku": "..."}</c>
/// prices the SKU from the book), any other value (numbers, strings, arrays) replaces the base's.
/// The merged scenario is echoed back as <c>scenario</c>.
/// </remarks>
/// <param name="Description">Free text, ignored.</param>
/// <param name="Traffic">Demand and its shape; required unless <c>workloadId</c> is given.</param>
/// <param name="Api">The paid API option; required unless <c>workloadId</c> is given.</param>
/// <param name="SelfHosted">The self-hosted option; required unless <c>workloadId</c> is given.</param>
/// <param name="Quality">Eval accuracies, for cost per successful request.</param>
/// <param name="Sensitivity">True to add how break-even moves for ±25% API price, GPU price, tokens per request and throughput.</param>
/// <param name="WorkloadId">Start from this catalog workload's observed profile; the scenario fields become overrides.</param>
/// <param name="AsOf">With <c>workloadId</c>: the last day of the 7-day window, yyyy-MM-dd; default yesterday (UTC).</param>
public sealed record BreakEvenRequest(
    string? Description = null,
    TrafficInput? Traffic = null,
    ApiInput? Api = null,
    SelfHostedInput? SelfHosted = null,
    QualityInput? Quality = null,
    bool? Sensitivity = null,
    string? WorkloadId = null,
    DateOnly? AsOf = null);

/// <summary>How much the workload asks for.</summary>
/// <param name="RequestsPerMonth">Average requests per month.</param>
/// <param name="InputTokensPerRequest">Input tokens of the self-hosted prompt.</param>
/// <param name="OutputTokensPerRequest">Output tokens per request.</param>
/// <param name="CachedInputShare">Share of API input billed at the cached price, 0..1 (default 0).</param>
/// <param name="PeakToAverage">Peak over average load, at least 1 (default 1).</param>
/// <param name="GrowthPerMonth">Monthly growth, for the 36-month TCO (default 0).</param>
public sealed record TrafficInput(
    decimal RequestsPerMonth,
    decimal InputTokensPerRequest,
    decimal OutputTokensPerRequest,
    decimal? CachedInputShare = null,
    decimal? PeakToAverage = null,
    decimal? GrowthPerMonth = null);

/// <summary>The paid API: a price-book model, typed prices, or both (typed prices win).</summary>
/// <param name="Model">A price-book model id, e.g. gpt-5.4.</param>
/// <param name="InputPerMTok">USD per million input tokens.</param>
/// <param name="OutputPerMTok">USD per million output tokens.</param>
/// <param name="CachedInputPerMTok">USD per million cached input tokens (default: the input price).</param>
/// <param name="PromptOverheadTokensPerRequest">Extra prompt tokens the API needs per request (default 0).</param>
/// <param name="PriceMultiplier">Multiplier on the token cost (default 1).</param>
/// <param name="FixedMonthly">Fixed monthly fee in USD (default 0).</param>
public sealed record ApiInput(
    string? Model = null,
    decimal? InputPerMTok = null,
    decimal? OutputPerMTok = null,
    decimal? CachedInputPerMTok = null,
    decimal? PromptOverheadTokensPerRequest = null,
    decimal? PriceMultiplier = null,
    decimal? FixedMonthly = null);

/// <summary>The fine-tuned model on hourly GPU instances: a price-book SKU, a typed hourly price, or both (typed wins).</summary>
/// <param name="GpuSku">A price-book VM size, e.g. Standard_NC40ads_H100_v5.</param>
/// <param name="Region">The region of <c>gpuSku</c>'s price.</param>
/// <param name="GpuHourly">USD per instance-hour.</param>
/// <param name="TokensPerSecondPerInstance">Input + output tokens one instance sustains per second.</param>
/// <param name="TargetUtilization">Share of that throughput to plan for, (0, 1].</param>
/// <param name="HoursPerMonth">Hours an instance runs per month (default 730).</param>
/// <param name="AmortizationMonths">Months the one-off cost is spread over (required when oneOff is not zero; default 12).</param>
public sealed record SelfHostedInput(
    decimal TokensPerSecondPerInstance,
    decimal TargetUtilization,
    string? GpuSku = null,
    string? Region = null,
    decimal? GpuHourly = null,
    InstancesInput? Instances = null,
    decimal? HoursPerMonth = null,
    RecurringInput? RecurringMonthly = null,
    RetrainingInput? Retraining = null,
    OneOffInput? OneOff = null,
    decimal? AmortizationMonths = null);

/// <summary>Instance limits (default 1..1; max defaults to min).</summary>
public sealed record InstancesInput(int? Min = null, int? Max = null);

/// <summary>Monthly costs besides the GPUs, USD (each default 0).</summary>
public sealed record RecurringInput(decimal? Monitoring = null, decimal? Evaluation = null, decimal? Engineering = null, decimal? Other = null);

/// <summary>Retraining: a run costs <c>costPerRun</c> every <c>everyMonths</c> months (0 = never).</summary>
public sealed record RetrainingInput(decimal? CostPerRun = null, decimal? EveryMonths = null);

/// <summary>One-off fine-tuning costs, USD (each default 0).</summary>
public sealed record OneOffInput(
    decimal? DataPreparation = null,
    decimal? Annotation = null,
    decimal? LegalReview = null,
    decimal? Experimentation = null,
    decimal? Training = null,
    decimal? EvaluationSetup = null);

/// <summary>Eval accuracy of each path, (0, 1].</summary>
public sealed record QualityInput(decimal SelfHostedAccuracy, decimal ApiAccuracy);

/// <summary>
/// The answer of <c>POST /api/breakeven</c>: exactly the JSON of <c>costops breakeven --format json</c>
/// (money rounded to cents, per request to 1e-6 USD, volumes to 2 decimals, ratios to 4; null where
/// there is no figure), plus <c>sensitivity</c> when asked for and <c>scenario</c> / <c>observed</c>
/// when the scenario started from a workload.
/// </summary>
/// <param name="ApiCostPerRequest">API cost of one request.</param>
/// <param name="ApiMonthlyCost">API cost per month at the scenario's demand.</param>
/// <param name="SelfHostedMonthlyCost">Self-hosting cost per month at the instances needed.</param>
/// <param name="MonthlySavings">API minus self-hosted monthly cost; positive means self-hosting is cheaper.</param>
/// <param name="InstancesNeeded">Instances the demand needs, within min..max.</param>
/// <param name="CapacityExceeded">True when even max instances cannot serve the demand.</param>
/// <param name="CapacityPerInstanceRequestsPerMonth">Requests per month one instance serves at the target utilization and peak.</param>
/// <param name="BreakEvenRequestsPerMonth">The smallest monthly demand where self-hosting is not dearer; null if never.</param>
/// <param name="BreakEvenTokensPerMonth">The break-even demand in tokens.</param>
/// <param name="UtilizationAtBreakEven">Peak share of raw throughput in use at break-even.</param>
/// <param name="PaybackMonths">Months for the one-off cost to pay back; null if it never does.</param>
/// <param name="Tco3Years">36-month totals of both paths, with growth.</param>
/// <param name="QualityAdjusted">Cost per successful request; null without quality.</param>
/// <param name="Sensitivity">Present when the request asked for it.</param>
/// <param name="Scenario">Present with workloadId: the merged scenario that was evaluated.</param>
/// <param name="Observed">Present with workloadId: what the stored rows said.</param>
public sealed record BreakEvenResponse(
    decimal ApiCostPerRequest,
    decimal ApiMonthlyCost,
    decimal SelfHostedMonthlyCost,
    decimal MonthlySavings,
    int InstancesNeeded,
    bool CapacityExceeded,
    decimal CapacityPerInstanceRequestsPerMonth,
    decimal? BreakEvenRequestsPerMonth,
    decimal? BreakEvenTokensPerMonth,
    decimal? UtilizationAtBreakEven,
    decimal? PaybackMonths,
    Tco3YearsOutput Tco3Years,
    QualityAdjustedOutput? QualityAdjusted,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BreakEvenSensitivityOutput? Sensitivity = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BreakEvenRequest? Scenario = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ObservedProfileOutput? Observed = null);

/// <summary>36-month totals, USD.</summary>
public sealed record Tco3YearsOutput(decimal SelfHosted, decimal Api);

/// <summary>Monthly cost over the requests each path answers correctly, USD.</summary>
public sealed record QualityAdjustedOutput(decimal? SelfHostedPerSuccessfulRequest, decimal? ApiPerSuccessfulRequest);

/// <summary>How break-even moves when one input is off by ±<c>change</c>, the others as given.</summary>
/// <param name="Change">The share each factor moves by (0.25).</param>
/// <param name="BaseBreakEvenRequestsPerMonth">The scenario's own break-even, for reference.</param>
/// <param name="Points">Each factor at -change then +change: apiPrice, gpuPrice, tokensPerRequest, throughput.</param>
public sealed record BreakEvenSensitivityOutput(decimal Change, decimal? BaseBreakEvenRequestsPerMonth, IReadOnlyList<SensitivityPointOutput> Points);

/// <summary>The scenario re-evaluated with one factor moved.</summary>
/// <param name="Factor"><c>apiPrice</c> (input, cached and output per-token prices; not the fixed fee), <c>gpuPrice</c> (hourly), <c>tokensPerRequest</c> (input and output) or <c>throughput</c> (tokens per second per instance).</param>
/// <param name="Change">-0.25 or 0.25.</param>
/// <param name="BreakEvenRequestsPerMonth">Break-even with the factor moved; null if it never breaks even.</param>
/// <param name="BreakEvenChange">Relative move of break-even against the base (0.3333 = +33.33%); null when either is null or the base is 0.</param>
/// <param name="MonthlySavings">Monthly savings at the scenario's demand with the factor moved.</param>
public sealed record SensitivityPointOutput(
    string Factor,
    decimal Change,
    decimal? BreakEvenRequestsPerMonth,
    decimal? BreakEvenChange,
    decimal MonthlySavings,
    bool NeverBreaksEven);

/// <summary>What the workload's stored rows said.</summary>
/// <param name="From">First day of the window.</param>
/// <param name="To">Last day of the window (asOf).</param>
/// <param name="DaysWithRows">Days of the window with a stored row.</param>
/// <param name="DaysWithDemand">Days with a known request figure.</param>
/// <param name="ProjectedRequestsPerMonth">The demand the rows project to a billing month; null when not measured.</param>
/// <param name="GpuHourlySource"><c>observed</c> (GPU cost / hours of the rows), <c>catalog</c> (list rate) or <c>none</c>.</param>
/// <param name="Unmeasured">Scenario fields neither the rows nor the catalog could fill (the request must give them).</param>
public sealed record ObservedProfileOutput(
    string WorkloadId,
    DateOnly From,
    DateOnly To,
    int DaysWithRows,
    int DaysWithDemand,
    decimal? ProjectedRequestsPerMonth,
    string GpuHourlySource,
    IReadOnlyList<string> Unmeasured);
