using CostOps.Application.Telemetry;
using CostOps.Infrastructure.Pipeline;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.LlmProviders.Anthropic;

/// <summary>
/// Anthropic Messages usage per workspace, model and UTC day. Input tokens = uncached + cache creation (5 m and 1 h)
/// + cache reads; cache reads are also reported as cached input. The usage report has no request count, so
/// <see cref="ApiUsageFact.Requests"/> is always null (structurally, not missing data: completeness is per bucket).
/// </summary>
internal sealed class AnthropicUsageSource : IApiUsageSource
{
    private readonly AnthropicAdminClient _client;
    private readonly ILogger _logger;

    public AnthropicUsageSource(AnthropicAdminClient client, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _logger = logger;
    }

    public async Task<TelemetryResult<ApiUsageFact>> GetDailyUsageAsync(ApiTelemetryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var source = _client.UsageSource;
        var buckets = await _client.ReadUsageAsync(query.Days, query.Scopes, cancellationToken).ConfigureAwait(false);
        var rowBuckets = buckets.Select(b => (b.Day, b.Results.Select(r =>
        {
            var uncached = r.UncachedInputTokens ?? throw TelemetryHttp.Malformed(source, "a usage result has no uncached_input_tokens.");
            var cacheRead = r.CacheReadInputTokens ?? 0;
            var cacheCreation = (r.CacheCreation?.Ephemeral5mInputTokens ?? 0) + (r.CacheCreation?.Ephemeral1hInputTokens ?? 0);
            var output = r.OutputTokens ?? throw TelemetryHttp.Malformed(source, "a usage result has no output_tokens.");
            return new ApiUsageRow(b.Day, r.WorkspaceId, r.Model, uncached + cacheCreation + cacheRead, output, cacheRead, null);
        })));
        return ApiDailyReport.Usage(ApiProviders.Anthropic, source.Name, "Anthropic usage", _logger, query, rowBuckets, reportsRequests: false, reportsCachedInput: true);
    }
}
