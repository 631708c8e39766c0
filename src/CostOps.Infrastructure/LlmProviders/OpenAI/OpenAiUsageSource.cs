using CostOps.Application.Telemetry;
using Microsoft.Extensions.Logging;

namespace CostOps.Infrastructure.LlmProviders.OpenAI;

/// <summary>
/// OpenAI completions usage per project, model and UTC day (input tokens include cached ones, as OpenAI reports them).
/// Completeness per fact: 1/1 when the day's bucket arrived, 0/1 when not.
/// </summary>
internal sealed class OpenAiUsageSource : IApiUsageSource
{
    private readonly string _sourceName;
    private readonly IOpenAiUsageReader _reader;
    private readonly ILogger _logger;

    public OpenAiUsageSource(string sourceName, IOpenAiUsageReader reader, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(logger);
        _sourceName = sourceName;
        _reader = reader;
        _logger = logger;
    }

    public async Task<TelemetryResult<ApiUsageFact>> GetDailyUsageAsync(ApiTelemetryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var buckets = await _reader.ReadUsageAsync(query.Days, query.Scopes, cancellationToken).ConfigureAwait(false);
        var rowBuckets = buckets.Select(b => (b.Day, b.Rows.Where(r => query.Scopes.Count == 0 || query.Scopes.Contains(r.Scope ?? string.Empty, StringComparer.Ordinal))));
        return ApiDailyReport.Usage(ApiProviders.OpenAI, _sourceName, "OpenAI usage", _logger, query, rowBuckets, reportsRequests: true, reportsCachedInput: true);
    }
}
