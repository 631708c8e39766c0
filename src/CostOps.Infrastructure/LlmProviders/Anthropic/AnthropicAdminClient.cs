using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Azure.Core.Pipeline;
using CostOps.Domain.Time;
using CostOps.Infrastructure.Pipeline;

namespace CostOps.Infrastructure.LlmProviders.Anthropic;

/// <summary>
/// The Anthropic Admin API: <c>/v1/organizations/usage_report/messages</c> and <c>/v1/organizations/cost_report</c>,
/// daily buckets, cursor paging. The pipeline adds <c>x-api-key</c> and <c>anthropic-version: 2023-06-01</c>;
/// the key is redacted from every error this client raises.
/// </summary>
internal sealed class AnthropicAdminClient(string sourceName, Uri endpoint, HttpPipeline pipeline, string adminKey)
    : AdminApiClient(sourceName, endpoint, pipeline, adminKey, "Anthropic usage report", "Anthropic cost report")
{
    public const string ApiVersion = "2023-06-01";

    public static HttpPipelinePolicy[] HeaderPolicies(string adminKey) =>
    [
        new ApiKeyHeaderPolicy("x-api-key", adminKey),
        new StaticHeadersPolicy(new Dictionary<string, string> { ["anthropic-version"] = ApiVersion }),
    ];

    public Task<List<(DateOnly Day, IReadOnlyList<AnthropicUsageResultBody> Results)>> ReadUsageAsync(DayRange days, IReadOnlyList<string> workspaceIds, CancellationToken cancellationToken = default) =>
        CursorPaging.ReadAllAsync<(DateOnly, IReadOnlyList<AnthropicUsageResultBody>)>(async (cursor, ct) =>
        {
            var page = await GetPageAsync("/v1/organizations/usage_report/messages", days, ["model", "workspace_id"], workspaceIds, cursor,
                AnthropicJsonContext.Default.AnthropicPageBodyAnthropicUsageResultBody, UsageSource, ct).ConfigureAwait(false);
            return ([.. Buckets(page, UsageSource)], page.HasMore, page.NextPage);
        }, UsageSource, cancellationToken);

    public Task<List<(DateOnly Day, IReadOnlyList<AnthropicCostResultBody> Results)>> ReadCostsAsync(DayRange days, IReadOnlyList<string> workspaceIds, CancellationToken cancellationToken = default) =>
        CursorPaging.ReadAllAsync<(DateOnly, IReadOnlyList<AnthropicCostResultBody>)>(async (cursor, ct) =>
        {
            var page = await GetPageAsync("/v1/organizations/cost_report", days, ["workspace_id"], workspaceIds, cursor,
                AnthropicJsonContext.Default.AnthropicPageBodyAnthropicCostResultBody, CostSource, ct).ConfigureAwait(false);
            return ([.. Buckets(page, CostSource)], page.HasMore, page.NextPage);
        }, CostSource, cancellationToken);

    private static IEnumerable<(DateOnly Day, IReadOnlyList<T> Results)> Buckets<T>(AnthropicPageBody<T> page, SourceContext source)
    {
        if (page.Data is null)
        {
            throw TelemetryHttp.Malformed(source, "the page has no 'data' array.");
        }
        foreach (var bucket in page.Data)
        {
            var start = bucket.StartingAt ?? throw TelemetryHttp.Malformed(source, "a bucket has no starting_at.");
            yield return (DayRange.DayOf(start), bucket.Results ?? throw TelemetryHttp.Malformed(source, "a bucket has no results array."));
        }
    }

    private Task<AnthropicPageBody<T>> GetPageAsync<T>(string path, DayRange days, string[] groupBy, IReadOnlyList<string> workspaceIds, string? cursor,
        JsonTypeInfo<AnthropicPageBody<T>> typeInfo, SourceContext source, CancellationToken cancellationToken) =>
        GetJsonAsync(path, uri =>
        {
            uri.AppendQuery("starting_at", days.Start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            uri.AppendQuery("ending_at", days.End.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            uri.AppendQuery("bucket_width", "1d");
            foreach (var group in groupBy)
            {
                uri.AppendQuery("group_by[]", group, escapeValue: false);
            }
            foreach (var workspace in workspaceIds)
            {
                uri.AppendQuery("workspace_ids[]", workspace);
            }
            uri.AppendQuery("limit", "31");
            if (cursor is not null)
            {
                uri.AppendQuery("page", cursor);
            }
        }, typeInfo, source, cancellationToken);
}
