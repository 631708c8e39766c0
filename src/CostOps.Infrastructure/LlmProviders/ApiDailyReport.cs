using CostOps.Application.Telemetry;
using CostOps.Infrastructure.Pipeline;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.LlmProviders;

/// <summary>
/// What every admin-API usage and cost source does once its client has read the daily buckets: keep the buckets of the
/// query's days (a bucket's arrival is what makes its day complete), make the facts (<see cref="ApiDailyFacts"/>), log
/// the read and answer it. Each provider reads its own results (field names, units, what is malformed) into rows.
/// </summary>
internal static class ApiDailyReport
{
    /// <param name="kind">What the log calls the read, e.g. "OpenAI usage".</param>
    public static TelemetryResult<ApiUsageFact> Usage(
        string provider,
        string sourceName,
        string kind,
        ILogger logger,
        ApiTelemetryQuery query,
        IEnumerable<(DateOnly Day, IEnumerable<ApiUsageRow> Rows)> buckets,
        bool reportsRequests,
        bool reportsCachedInput)
    {
        var kept = buckets.Where(b => query.Days.Contains(b.Day)).ToList();
        var rows = kept.SelectMany(b => b.Rows).ToList();
        var facts = ApiDailyFacts.Usage(provider, query.Days, kept.Select(b => b.Day).ToHashSet(), rows, query.Scopes, reportsRequests, reportsCachedInput);
        TelemetryLog.ReadFacts(logger, sourceName, kind, facts.Count, 0, facts.Select(f => f.Completeness));
        return TelemetryResult<ApiUsageFact>.Of(facts);
    }

    /// <summary>Sums the USD results; a result in another currency makes its scope-day missing, with an issue.</summary>
    /// <param name="kind">What the log calls the read, e.g. "OpenAI costs".</param>
    /// <param name="unscoped">What an issue calls a result without a scope, e.g. "(organization)".</param>
    /// <param name="read">Reads one result; throws when it is malformed.</param>
    public static TelemetryResult<ApiCostFact> Costs<TResult>(
        string provider,
        SourceContext source,
        string kind,
        ILogger logger,
        ApiTelemetryQuery query,
        IEnumerable<(DateOnly Day, IReadOnlyList<TResult> Results)> buckets,
        string unscoped,
        Func<TResult, ApiCostResult> read)
    {
        var kept = buckets.Where(b => query.Days.Contains(b.Day)).ToList();
        var rows = new List<ApiCostRow>();
        var unusable = new HashSet<(DateOnly, string?)>();
        var issues = new List<TelemetryIssue>();
        foreach (var (day, results) in kept)
        {
            foreach (var result in results)
            {
                var cost = read(result);
                if (!string.Equals(cost.Currency ?? "USD", "USD", StringComparison.OrdinalIgnoreCase))
                {
                    unusable.Add((day, cost.Scope));
                    issues.Add(source.Issue(cost.Scope ?? unscoped, $"{day:yyyy-MM-dd}: cost in '{cost.Currency}', not USD."));
                    continue;
                }
                rows.Add(new ApiCostRow(day, cost.Scope, cost.Amount));
            }
        }
        var facts = ApiDailyFacts.Costs(provider, query.Days, kept.Select(b => b.Day).ToHashSet(), rows, query.Scopes, unusable);
        TelemetryLog.ReadFacts(logger, source.Name, kind, facts.Count, issues.Count, facts.Select(f => f.Completeness));
        return new TelemetryResult<ApiCostFact>(facts, issues);
    }
}
