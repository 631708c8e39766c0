using CostOps.Application.Telemetry;
using CostOps.Infrastructure.Pipeline;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.LlmProviders.OpenAI;

/// <summary>
/// What OpenAI billed per project and UTC day (<c>amount.value</c> is in dollars), summed over line items.
/// A result in another currency makes that project-day missing, with an issue.
/// </summary>
internal sealed class OpenAiCostSource : IApiCostSource
{
    private readonly OpenAiAdminClient _client;
    private readonly ILogger _logger;

    public OpenAiCostSource(OpenAiAdminClient client, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _logger = logger;
    }

    public async Task<TelemetryResult<ApiCostFact>> GetDailyCostsAsync(ApiTelemetryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var source = _client.CostSource;
        var buckets = (await _client.ReadCostsAsync(query.Days, query.Scopes, cancellationToken).ConfigureAwait(false))
            .Where(b => query.Days.Contains(b.Day))
            .ToList();
        var rows = new List<ApiCostRow>();
        var unusable = new HashSet<(DateOnly, string?)>();
        var issues = new List<TelemetryIssue>();
        foreach (var (day, results) in buckets)
        {
            foreach (var result in results)
            {
                if (result.Amount?.Value is not { } value)
                {
                    throw TelemetryHttp.Malformed(source, "a cost result has no amount.value.");
                }
                if (!string.Equals(result.Amount.Currency ?? "usd", "usd", StringComparison.OrdinalIgnoreCase))
                {
                    unusable.Add((day, result.ProjectId));
                    issues.Add(source.Issue(result.ProjectId ?? "(organization)", $"{day:yyyy-MM-dd}: cost in '{result.Amount.Currency}', not USD."));
                    continue;
                }
                rows.Add(new ApiCostRow(day, result.ProjectId, value));
            }
        }
        var facts = ApiDailyFacts.Costs(ApiProviders.OpenAI, query.Days, buckets.Select(b => b.Day).ToHashSet(), rows, query.Scopes, unusable);
        TelemetryLog.ReadFacts(_logger, source.Name, "OpenAI costs", facts.Count, issues.Count, facts.Select(f => f.Completeness));
        return new TelemetryResult<ApiCostFact>(facts, issues);
    }
}
