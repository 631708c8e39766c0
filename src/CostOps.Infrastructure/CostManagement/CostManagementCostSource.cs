using CostOps.Application.Telemetry;
using CostOps.Infrastructure.Pipeline;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.CostManagement;

/// <summary>Actual amortized daily cost per resource from Azure Cost Management (<c>costBasis = "amortized-actual"</c>).</summary>
public sealed class CostManagementCostSource : IResourceCostSource
{
    private readonly CostManagementClient _client;
    private readonly ILogger _logger;

    public CostManagementCostSource(CostManagementClient client, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _logger = logger;
    }

    public async Task<TelemetryResult<ResourceCostFact>> GetDailyCostsAsync(ResourceCostQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = await _client.QueryAmortizedDailyAsync(query.Days, cancellationToken).ConfigureAwait(false);
        var result = DailyCostFacts.Of(rows, query, ResourceCostBasis.Amortized, _client.Source);
        TelemetryLog.ReadFacts(_logger, _client.Source.Name, "amortized cost", result.Facts.Count, result.Issues.Count, result.Facts.Select(f => f.Completeness));
        return result;
    }
}
