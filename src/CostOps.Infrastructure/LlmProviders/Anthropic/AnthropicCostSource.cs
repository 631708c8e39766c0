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
        var buckets = await _client.ReadCostsAsync(query.Days, query.Scopes, cancellationToken).ConfigureAwait(false);
        return ApiDailyReport.Costs(ApiProviders.Anthropic, source, "Anthropic costs", _logger, query, buckets, "(default workspace)", result => new ApiCostResult(
            result.WorkspaceId,
            CentsToUsd(result.Amount) ?? throw TelemetryHttp.Malformed(source, "a cost result's amount is not a decimal string."),
            result.Currency));
    }
}
