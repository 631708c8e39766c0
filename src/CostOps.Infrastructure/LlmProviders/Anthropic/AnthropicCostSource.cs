using System.Globalization;
using CostOps.Application.Telemetry;
using CostOps.Infrastructure.Pipeline;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.LlmProviders.Anthropic;

/// <summary>
/// What Anthropic billed per workspace and UTC day. <c>amount</c> is a decimal string in cents ("123.78912" is
/// $1.2378912), parsed exactly as <c>decimal</c> and divided by 100. A non-USD result makes that workspace-day missing.
/// </summary>
internal sealed class AnthropicCostSource : IApiCostSource
{
    private readonly AnthropicAdminClient _client;
    private readonly ILogger _logger;

    public AnthropicCostSource(AnthropicAdminClient client, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _logger = logger;
    }

    /// <summary>Cents as a decimal string to dollars.</summary>
    public static decimal? CentsToUsd(string? cents) =>
        decimal.TryParse(cents, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value / 100m : null;

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
                var usd = CentsToUsd(result.Amount) ?? throw TelemetryHttp.Malformed(source, "a cost result's amount is not a decimal string.");
                if (!string.Equals(result.Currency ?? "USD", "USD", StringComparison.OrdinalIgnoreCase))
                {
                    unusable.Add((day, result.WorkspaceId));
                    issues.Add(source.Issue(result.WorkspaceId ?? "(default workspace)", $"{day:yyyy-MM-dd}: cost in '{result.Currency}', not USD."));
                    continue;
                }
                rows.Add(new ApiCostRow(day, result.WorkspaceId, usd));
            }
        }
        var facts = ApiDailyFacts.Costs(ApiProviders.Anthropic, query.Days, buckets.Select(b => b.Day).ToHashSet(), rows, query.Scopes, unusable);
        TelemetryLog.ReadFacts(_logger, source.Name, "Anthropic costs", facts.Count, issues.Count, facts.Select(f => f.Completeness));
        return new TelemetryResult<ApiCostFact>(facts, issues);
    }
}
