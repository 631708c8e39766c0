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
        var buckets = await _client.ReadCostsAsync(query.Days, query.Scopes, cancellationToken).ConfigureAwait(false);
        return ApiDailyReport.Costs(ApiProviders.OpenAI, source, "OpenAI costs", _logger, query, buckets, "(organization)", result => result.Amount?.Value is { } value
            ? new ApiCostResult(result.ProjectId, value, result.Amount.Currency)
            : throw TelemetryHttp.Malformed(source, "a cost result has no amount.value."));
    }
}
