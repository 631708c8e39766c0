using CostOps.Application.Telemetry;
using CostOps.Domain.Time;
using CostOps.Infrastructure.Pipeline;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.AzureMonitor;

/// <summary>
/// Azure OpenAI / Foundry token usage per deployment and UTC day, from Azure Monitor metrics of
/// <c>Microsoft.CognitiveServices/accounts</c> split by <c>ModelDeploymentName</c>, in hourly buckets.
/// Requests come from <c>AzureOpenAIRequests</c> (all status codes).
/// Completeness: hours with a value / 24, for input, output and requests (so 72 points per deployment-day).
/// </summary>
public sealed class AzureOpenAiUsageSource : IApiUsageSource
{
    public const string Namespace = "Microsoft.CognitiveServices/accounts";
    public const string DeploymentDimension = "ModelDeploymentName";
    public const string ClassicInput = "ProcessedPromptTokens";
    public const string ClassicOutput = "GeneratedTokens";
    public const string FoundryInput = "InputTokens";
    public const string FoundryOutput = "OutputTokens";
    public const string Requests = "AzureOpenAIRequests";

    private static readonly TimeSpan _hourly = TimeSpan.FromHours(1);

    private readonly SourceContext _source;
    private readonly IMetricsReader _reader;
    private readonly string? _region;
    private readonly IReadOnlyList<string> _defaultResourceIds;
    private readonly TokenMetricSet _metricSet;
    private readonly ILogger _logger;

    public AzureOpenAiUsageSource(string sourceName, IMetricsReader reader, string? region, IReadOnlyList<string> defaultResourceIds, TokenMetricSet metricSet, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(defaultResourceIds);
        ArgumentNullException.ThrowIfNull(logger);
        _source = new SourceContext(sourceName, "Azure OpenAI token metrics");
        _reader = reader;
        _region = region;
        _defaultResourceIds = defaultResourceIds;
        _metricSet = metricSet;
        _logger = logger;
    }

    public async Task<TelemetryResult<ApiUsageFact>> GetDailyUsageAsync(ApiTelemetryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var resourceIds = query.Scopes.Count > 0 ? query.Scopes : _defaultResourceIds;
        string[] metricNames = _metricSet switch
        {
            TokenMetricSet.Classic => [ClassicInput, ClassicOutput, Requests],
            TokenMetricSet.Foundry => [FoundryInput, FoundryOutput, Requests],
            _ => [ClassicInput, ClassicOutput, FoundryInput, FoundryOutput, Requests],
        };
        var request = new MetricsRequest(Namespace, metricNames, ["total"], _hourly, query.Days.Start, query.Days.End, MetricsRequest.SplitBy(DeploymentDimension));
        var answers = await _reader.ReadAsync(request, [.. resourceIds.Select(id => new MetricsTarget(id, _region))], cancellationToken).ConfigureAwait(false);

        var facts = new List<ApiUsageFact>();
        var issues = new List<TelemetryIssue>();
        foreach (var resource in answers)
        {
            facts.AddRange(ForResource(resource, metricNames, query.Days, issues));
        }
        TelemetryLog.ReadFacts(_logger, _source.Name, "token usage", facts.Count, issues.Count, facts.Select(f => f.Completeness));
        return new TelemetryResult<ApiUsageFact>(facts, issues);
    }

    private IEnumerable<ApiUsageFact> ForResource(ResourceMetrics resource, string[] metricNames, DayRange days, List<TelemetryIssue> issues)
    {
        var perDayExpected = 3 * DailyRollup.ExpectedPerDay(_hourly);
        if (resource.Error is not null)
        {
            issues.Add(_source.Issue(resource.ResourceId, resource.Error));
            return MissingResource(resource.ResourceId, days, perDayExpected);
        }

        // Series per metric, keyed by deployment; a failed or absent metric contributes nothing (and an issue).
        var byMetric = new Dictionary<string, Dictionary<string, MetricSeries>>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<(string Metric, string Message)>();
        foreach (var name in metricNames)
        {
            var metric = resource.Metric(name);
            if (metric is null)
            {
                problems.Add((name, "the answer did not include this metric."));
                continue;
            }
            if (!metric.Succeeded)
            {
                TelemetryLog.MetricFailed(_logger, _source.Name, name, resource.ResourceId, metric.ErrorCode);
                problems.Add((name, $"{metric.ErrorCode}: {metric.ErrorMessage}"));
                continue;
            }
            var series = new Dictionary<string, MetricSeries>(StringComparer.OrdinalIgnoreCase);
            foreach (var s in metric.Series)
            {
                series[s.Dimension(DeploymentDimension) ?? string.Empty] = s;
            }
            byMetric[name] = series;
        }
        // In auto mode a resource normally has only one family of token metrics; the other family's absence is
        // expected, not an issue, as long as one family answered in full.
        if (_metricSet == TokenMetricSet.Auto)
        {
            var classicAnswered = byMetric.ContainsKey(ClassicInput) && byMetric.ContainsKey(ClassicOutput);
            var foundryAnswered = byMetric.ContainsKey(FoundryInput) && byMetric.ContainsKey(FoundryOutput);
            problems.RemoveAll(p => (foundryAnswered && p.Metric is ClassicInput or ClassicOutput) || (classicAnswered && p.Metric is FoundryInput or FoundryOutput));
        }
        issues.AddRange(problems.Select(p => _source.Issue(resource.ResourceId, $"{p.Metric}: {p.Message}")));

        var deployments = byMetric.Values.SelectMany(s => s.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        if (deployments.Count == 0)
        {
            // No series at all: Azure Monitor cannot tell "no traffic" from "no data", so neither can we.
            return MissingResource(resource.ResourceId, days, perDayExpected);
        }

        var facts = new List<ApiUsageFact>();
        foreach (var deployment in deployments)
        {
            var useFoundry = _metricSet == TokenMetricSet.Foundry
                || (_metricSet == TokenMetricSet.Auto && (HasData(byMetric, FoundryInput, deployment) || HasData(byMetric, FoundryOutput, deployment)));
            var input = Rollup(byMetric, useFoundry ? FoundryInput : ClassicInput, deployment, days);
            var output = Rollup(byMetric, useFoundry ? FoundryOutput : ClassicOutput, deployment, days);
            var requests = Rollup(byMetric, Requests, deployment, days);
            var selector = new ApiUsageSelector(ApiProviders.AzureOpenAI, resource.ResourceId, deployment.Length == 0 ? null : deployment, null);
            foreach (var day in days.EachDay())
            {
                var i = input.GetValueOrDefault(day);
                var o = output.GetValueOrDefault(day);
                var r = requests.GetValueOrDefault(day);
                var arrived = (i?.Arrived ?? 0) + (o?.Arrived ?? 0) + (r?.Arrived ?? 0);
                facts.Add(new ApiUsageFact(selector, day, Round(i), Round(o), null, Round(r), new Completeness(perDayExpected, arrived)));
            }
        }
        return facts;
    }

    private static IEnumerable<ApiUsageFact> MissingResource(string resourceId, DayRange days, int expected) =>
        days.EachDay().Select(day => new ApiUsageFact(
            new ApiUsageSelector(ApiProviders.AzureOpenAI, resourceId, null, null), day, null, null, null, null, Completeness.Missing(expected)));

    private static bool HasData(Dictionary<string, Dictionary<string, MetricSeries>> byMetric, string metric, string deployment) =>
        byMetric.TryGetValue(metric, out var series) && series.TryGetValue(deployment, out var s) && s.Points.Any(p => p.Total is not null);

    private static Dictionary<DateOnly, DailyRollup> Rollup(Dictionary<string, Dictionary<string, MetricSeries>> byMetric, string metric, string deployment, DayRange days) =>
        byMetric.TryGetValue(metric, out var series) && series.TryGetValue(deployment, out var s)
            ? DailyRollup.ByDay(s.Points, "total", days)
            : [];

    private static long? Round(DailyRollup? rollup) => rollup is null ? null : (long)Math.Round(rollup.Sum, MidpointRounding.AwayFromZero);
}
