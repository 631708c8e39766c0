using System.Globalization;
using Azure.Core.Pipeline;
using CostOps.Domain.Time;
using CostOps.Infrastructure.Pipeline;

namespace CostOps.Infrastructure.LlmProviders.OpenAI;

/// <summary>
/// The OpenAI organization admin API: <c>/v1/organization/usage/completions</c> and <c>/v1/organization/costs</c>,
/// daily buckets, cursor paging. The admin key is added by the pipeline (<see cref="ApiKeyHeaderPolicy"/>) and is
/// redacted from every error this client raises.
/// </summary>
internal sealed class OpenAiAdminClient(string sourceName, Uri endpoint, HttpPipeline pipeline, string adminKey)
    : AdminApiClient(sourceName, endpoint, pipeline, adminKey, "OpenAI usage", "OpenAI costs"), IOpenAiUsageReader
{
    public static HttpPipelinePolicy KeyPolicy(string adminKey) => new ApiKeyHeaderPolicy("Authorization", $"Bearer {adminKey}");

    public async Task<IReadOnlyList<OpenAiUsageBucket>> ReadUsageAsync(DayRange days, IReadOnlyList<string> projectIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectIds);
        return await CursorPaging.ReadAllAsync<OpenAiUsageBucket>(async (cursor, ct) =>
        {
            var page = await GetPageAsync("/v1/organization/usage/completions", days, ["model", "project_id"], projectIds, limit: 31, cursor,
                OpenAiJsonContext.Default.OpenAiPageBodyOpenAiUsageResultBody, UsageSource, ct).ConfigureAwait(false);
            return ([.. OpenAiPages.UsageBuckets(page, UsageSource)], page.HasMore, page.NextPage);
        }, UsageSource, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<(DateOnly Day, IReadOnlyList<OpenAiCostResultBody> Results)>> ReadCostsAsync(DayRange days, IReadOnlyList<string> projectIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectIds);
        return await CursorPaging.ReadAllAsync<(DateOnly, IReadOnlyList<OpenAiCostResultBody>)>(async (cursor, ct) =>
        {
            var page = await GetPageAsync("/v1/organization/costs", days, ["project_id"], projectIds, limit: 180, cursor,
                OpenAiJsonContext.Default.OpenAiPageBodyOpenAiCostResultBody, CostSource, ct).ConfigureAwait(false);
            return ([.. OpenAiPages.CostBuckets(page, CostSource)], page.HasMore, page.NextPage);
        }, CostSource, cancellationToken).ConfigureAwait(false);
    }

    private Task<OpenAiPageBody<T>> GetPageAsync<T>(string path, DayRange days, string[] groupBy, IReadOnlyList<string> projectIds, int limit, string? cursor,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<OpenAiPageBody<T>> typeInfo, SourceContext source, CancellationToken cancellationToken) =>
        GetJsonAsync(path, uri =>
        {
            uri.AppendQuery("start_time", days.Start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            uri.AppendQuery("end_time", days.End.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            uri.AppendQuery("bucket_width", "1d");
            foreach (var group in groupBy)
            {
                uri.AppendQuery("group_by", group);
            }
            foreach (var project in projectIds)
            {
                uri.AppendQuery("project_ids", project);
            }
            uri.AppendQuery("limit", limit.ToString(CultureInfo.InvariantCulture));
            if (cursor is not null)
            {
                uri.AppendQuery("page", cursor);
            }
        }, typeInfo, source, cancellationToken);
}
