using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using CostOps.Application.Telemetry;
using CostOps.Infrastructure.Pipeline;

namespace CostOps.Infrastructure.LlmProviders.OpenAI;

/// <summary>
/// The OpenAI organization admin API: <c>/v1/organization/usage/completions</c> and <c>/v1/organization/costs</c>,
/// daily buckets, cursor paging. The admin key is added by the pipeline (<see cref="ApiKeyHeaderPolicy"/>) and is
/// redacted from every error this client raises.
/// </summary>
internal sealed class OpenAiAdminClient : IOpenAiUsageReader
{
    private readonly SourceContext _usageSource;
    private readonly SourceContext _costSource;
    private readonly Uri _endpoint;
    private readonly HttpPipeline _pipeline;

    public OpenAiAdminClient(string sourceName, Uri endpoint, HttpPipeline pipeline, string adminKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentException.ThrowIfNullOrWhiteSpace(adminKey);
        _usageSource = new SourceContext(sourceName, "OpenAI usage", [adminKey]);
        _costSource = _usageSource.For("OpenAI costs");
        _endpoint = endpoint;
        _pipeline = pipeline;
    }

    public static HttpPipelinePolicy KeyPolicy(string adminKey) => new ApiKeyHeaderPolicy("Authorization", $"Bearer {adminKey}");

    public async Task<IReadOnlyList<OpenAiUsageBucket>> ReadUsageAsync(UtcDayRange days, IReadOnlyList<string> projectIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectIds);
        return await CursorPaging.ReadAllAsync<OpenAiUsageBucket>(async (cursor, ct) =>
        {
            var page = await GetPageAsync("/v1/organization/usage/completions", days, ["model", "project_id"], projectIds, limit: 31, cursor,
                OpenAiJsonContext.Default.OpenAiPageBodyOpenAiUsageResultBody, _usageSource, ct).ConfigureAwait(false);
            return ([.. OpenAiPages.UsageBuckets(page, _usageSource)], page.HasMore, page.NextPage);
        }, _usageSource, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<(DateOnly Day, IReadOnlyList<OpenAiCostResultBody> Results)>> ReadCostsAsync(UtcDayRange days, IReadOnlyList<string> projectIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectIds);
        return await CursorPaging.ReadAllAsync<(DateOnly, IReadOnlyList<OpenAiCostResultBody>)>(async (cursor, ct) =>
        {
            var page = await GetPageAsync("/v1/organization/costs", days, ["project_id"], projectIds, limit: 180, cursor,
                OpenAiJsonContext.Default.OpenAiPageBodyOpenAiCostResultBody, _costSource, ct).ConfigureAwait(false);
            return ([.. OpenAiPages.CostBuckets(page, _costSource)], page.HasMore, page.NextPage);
        }, _costSource, cancellationToken).ConfigureAwait(false);
    }

    public SourceContext CostSource => _costSource;

    private async Task<OpenAiPageBody<T>> GetPageAsync<T>(string path, UtcDayRange days, string[] groupBy, IReadOnlyList<string> projectIds, int limit, string? cursor,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<OpenAiPageBody<T>> typeInfo, SourceContext source, CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        var uri = message.Request.Uri;
        uri.Reset(new Uri(_endpoint.AbsoluteUri.TrimEnd('/') + path));
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
        message.Request.Headers.SetValue("Accept", "application/json");

        var response = await TelemetryHttp.SendAsync(_pipeline, message, source, cancellationToken).ConfigureAwait(false);
        TelemetryHttp.EnsureSuccess(response, source);
        return TelemetryHttp.ReadJson(response, typeInfo, source);
    }
}
