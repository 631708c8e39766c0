using CostOps.Domain.Time;
using CostOps.Infrastructure.Pipeline;

namespace CostOps.Infrastructure.LlmProviders.OpenAI;

/// <summary>Validates usage and cost pages (live or exported) and turns their buckets into rows.</summary>
internal static class OpenAiPages
{
    public static IEnumerable<OpenAiUsageBucket> UsageBuckets(OpenAiPageBody<OpenAiUsageResultBody> page, SourceContext source) =>
        Buckets(page, source).Select(b => new OpenAiUsageBucket(b.Day, [.. b.Results.Select(r => UsageRow(b.Day, r, source))]));

    /// <summary>The usage results of each daily bucket, as sent.</summary>
    public static IEnumerable<(DateOnly Day, IReadOnlyList<OpenAiUsageResultBody> Results)> UsageResults(OpenAiPageBody<OpenAiUsageResultBody> page, SourceContext source) =>
        Buckets(page, source);

    public static ApiUsageRow UsageRow(DateOnly day, OpenAiUsageResultBody result, SourceContext source) =>
        new(
            day,
            result.ProjectId,
            result.Model,
            result.InputTokens ?? throw TelemetryHttp.Malformed(source, "a usage result has no input_tokens."),
            result.OutputTokens ?? throw TelemetryHttp.Malformed(source, "a usage result has no output_tokens."),
            result.InputCachedTokens ?? 0,
            result.NumModelRequests ?? 0);

    public static IEnumerable<(DateOnly Day, IReadOnlyList<OpenAiCostResultBody> Results)> CostBuckets(OpenAiPageBody<OpenAiCostResultBody> page, SourceContext source) =>
        Buckets(page, source);

    private static IEnumerable<(DateOnly Day, IReadOnlyList<TResult> Results)> Buckets<TResult>(OpenAiPageBody<TResult> page, SourceContext source)
    {
        if (page.Data is null)
        {
            throw TelemetryHttp.Malformed(source, "the page has no 'data' array.");
        }
        foreach (var bucket in page.Data)
        {
            var start = bucket.StartTime ?? throw TelemetryHttp.Malformed(source, "a bucket has no start_time.");
            yield return (DayRange.DayOf(DateTimeOffset.FromUnixTimeSeconds(start)),
                bucket.Results ?? throw TelemetryHttp.Malformed(source, "a bucket has no results array."));
        }
    }
}
