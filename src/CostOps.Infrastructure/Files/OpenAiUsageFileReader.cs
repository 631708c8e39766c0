using CostOps.Domain.Time;
using CostOps.Infrastructure.LlmProviders.OpenAI;
using CostOps.Infrastructure.Pipeline;

namespace CostOps.Infrastructure.Files;

/// <summary>
/// OpenAI completions usage from saved API pages (<c>/v1/organization/usage/completions</c> answers, one page per
/// file), parsed by the same code as the live adapter. Buckets outside the window or of other projects are ignored.
/// </summary>
internal sealed class OpenAiUsageFileReader : IOpenAiUsageReader
{
    private readonly SourceContext _source;
    private readonly string _path;

    public OpenAiUsageFileReader(string sourceName, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _source = new SourceContext(sourceName, "OpenAI usage export");
        _path = path;
    }

    public Task<IReadOnlyList<OpenAiUsageBucket>> ReadUsageAsync(DayRange days, IReadOnlyList<string> projectIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectIds);
        var buckets = new List<OpenAiUsageBucket>();
        foreach (var file in ExportFiles.Resolve(_path, ".json", _source))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var source = _source.For($"OpenAI usage export '{Path.GetFileName(file)}'");
            using var stream = ExportFiles.Open(file, source);
            var page = TelemetryHttp.ReadJson(stream, OpenAiJsonContext.Default.OpenAiPageBodyOpenAiUsageResultBody, source);
            buckets.AddRange(OpenAiPages.UsageBuckets(page, source).Where(b => days.Contains(b.Day)));
        }
        // Pages of overlapping exports may repeat a day: merge its rows once per day and selector.
        IReadOnlyList<OpenAiUsageBucket> merged = [.. buckets
            .GroupBy(b => b.Day)
            .Select(g => new OpenAiUsageBucket(g.Key, [.. g.SelectMany(b => b.Rows)
                .Where(r => projectIds.Count == 0 || projectIds.Contains(r.Scope ?? string.Empty, StringComparer.Ordinal))
                .DistinctBy(r => (r.Scope, r.Model))]))];
        return Task.FromResult(merged);
    }
}
