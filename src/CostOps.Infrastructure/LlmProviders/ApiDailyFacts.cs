using CostOps.Application.Telemetry;
using CostOps.Domain.Time;

namespace CostOps.Infrastructure.LlmProviders;

/// <summary>
/// Turns provider buckets into one fact per selector and day. A day whose bucket arrived is complete (1/1):
/// a selector without results in it used nothing that day (the providers send empty buckets as <c>results: []</c>).
/// A day whose bucket did not arrive is missing (0/1) with null figures for every known selector. Selectors are the
/// ones seen in any bucket plus the requested scopes; with neither, one organization-wide selector is reported.
/// </summary>
internal static class ApiDailyFacts
{
    public static List<ApiUsageFact> Usage(string provider, DayRange days, IReadOnlySet<DateOnly> arrivedDays, IReadOnlyList<ApiUsageRow> rows, IReadOnlyList<string> requestedScopes, bool reportsRequests, bool reportsCachedInput)
    {
        var selectors = rows.Select(r => new ApiUsageSelector(provider, r.Scope, null, r.Model)).ToHashSet();
        foreach (var scope in requestedScopes.Where(s => !selectors.Any(x => x.Scope == s)))
        {
            selectors.Add(new ApiUsageSelector(provider, scope, null, null));
        }
        if (selectors.Count == 0)
        {
            selectors.Add(new ApiUsageSelector(provider, null, null, null));
        }

        var byKey = rows.GroupBy(r => (r.Day, r.Scope, r.Model)).ToDictionary(g => g.Key, g => g.ToList());
        var facts = new List<ApiUsageFact>();
        foreach (var selector in selectors.OrderBy(s => s.Scope, StringComparer.Ordinal).ThenBy(s => s.Model, StringComparer.Ordinal))
        {
            foreach (var day in days.EachDay())
            {
                if (!arrivedDays.Contains(day))
                {
                    facts.Add(new ApiUsageFact(selector, day, null, null, null, null, Completeness.Missing(1)));
                    continue;
                }
                var found = byKey.GetValueOrDefault((day, selector.Scope, selector.Model)) ?? [];
                facts.Add(new ApiUsageFact(
                    selector,
                    day,
                    found.Sum(r => r.InputTokens),
                    found.Sum(r => r.OutputTokens),
                    reportsCachedInput ? found.Sum(r => r.CachedInputTokens ?? 0) : null,
                    reportsRequests ? found.Sum(r => r.Requests ?? 0) : null,
                    Completeness.Full(1)));
            }
        }
        return facts;
    }

    public static List<ApiCostFact> Costs(string provider, DayRange days, IReadOnlySet<DateOnly> arrivedDays, IReadOnlyList<ApiCostRow> rows, IReadOnlyList<string> requestedScopes, IReadOnlySet<(DateOnly Day, string? Scope)> unusable)
    {
        var scopes = rows.Select(r => r.Scope).Concat(requestedScopes).Concat(unusable.Select(u => u.Scope)).Distinct().ToList();
        if (scopes.Count == 0)
        {
            scopes.Add(null);
        }
        var sums = rows.GroupBy(r => (r.Day, r.Scope)).ToDictionary(g => g.Key, g => g.Sum(r => r.AmountUsd));
        var facts = new List<ApiCostFact>();
        foreach (var scope in scopes.OrderBy(s => s, StringComparer.Ordinal))
        {
            foreach (var day in days.EachDay())
            {
                var known = arrivedDays.Contains(day) && !unusable.Contains((day, scope));
                facts.Add(known
                    ? new ApiCostFact(provider, scope, day, sums.GetValueOrDefault((day, scope)), Completeness.Full(1))
                    : new ApiCostFact(provider, scope, day, null, Completeness.Missing(1)));
            }
        }
        return facts;
    }
}
