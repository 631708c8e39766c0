using CostOps.Application.Telemetry;
using CostOps.Infrastructure.Pipeline;

namespace CostOps.Infrastructure.CostManagement;

/// <summary>
/// Cost rows to facts, shared by Cost Management and FOCUS exports. Resource ids compare case-insensitively (cost
/// data lower-cases them). For asked-for resources every day gets a fact: a row makes it 1/1, no row makes it null and
/// 0/1 (cost data lags by up to days, and a resource without a row may simply not be ingested yet; the nightly job then
/// falls back to an estimate). Without asked-for resources, every resource in the rows is reported as found.
/// </summary>
internal static class DailyCostFacts
{
    public static TelemetryResult<ResourceCostFact> Of(IReadOnlyList<CostRow> rows, ResourceCostQuery query, ResourceCostBasis basis, SourceContext source)
    {
        var inWindow = rows.Where(r => query.Days.Contains(r.Day)).ToList();
        var byKey = inWindow
            .GroupBy(r => (Id: r.ResourceId.ToLowerInvariant(), r.Day))
            .ToDictionary(g => g.Key, g => g.ToList());
        var resourceIds = query.ResourceIds.Count > 0
            ? query.ResourceIds.Distinct(StringComparer.OrdinalIgnoreCase).ToList()
            : inWindow.Select(r => r.ResourceId).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();

        var facts = new List<ResourceCostFact>();
        var issues = new List<TelemetryIssue>();
        foreach (var resourceId in resourceIds)
        {
            foreach (var day in query.Days.EachDay())
            {
                if (!byKey.TryGetValue((resourceId.ToLowerInvariant(), day), out var found))
                {
                    facts.Add(new ResourceCostFact(resourceId, day, null, null, null, basis, Completeness.Missing(1)));
                    continue;
                }
                var currencies = found.Select(r => r.Currency?.ToUpperInvariant()).Distinct().ToList();
                if (currencies.Count > 1)
                {
                    issues.Add(source.Issue(resourceId, $"{day:yyyy-MM-dd}: rows in several currencies ({string.Join(", ", currencies)})."));
                    facts.Add(new ResourceCostFact(resourceId, day, null, null, null, basis, Completeness.Missing(1)));
                    continue;
                }
                var currency = currencies[0];
                var cost = found.Sum(r => r.Cost);
                decimal? costUsd = found.All(r => r.CostUsd is not null)
                    ? found.Sum(r => r.CostUsd!.Value)
                    : currency == "USD" ? cost : null;
                facts.Add(new ResourceCostFact(resourceId, day, cost, currency, costUsd, basis, Completeness.Full(1)));
            }
        }
        return new TelemetryResult<ResourceCostFact>(facts, issues);
    }
}
