using CostOps.Domain.Time;
using CostOps.Infrastructure.LlmProviders;
using CostOps.Infrastructure.LlmProviders.OpenAI;
using CostOps.Infrastructure.Pipeline;

namespace CostOps.Infrastructure.Files;

/// <summary>
/// OpenAI completions usage from saved API pages (<c>/v1/organization/usage/completions</c> answers, one page per
/// file), parsed by the same code as the live adapter. Buckets outside the window or of other projects are ignored.
/// An export grouped by more than project and model (user, API key, batch, service tier) keeps every row; the facts sum
/// them per project and model.
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
        var arrivedDays = new HashSet<DateOnly>();
        var rows = new List<ApiUsageRow>();
        // Overlapping exports repeat a day's results: a result is a repeat when the same day already has one with every
        // group_by value equal. Results that differ in any of them (user, API key, batch, service tier) are different
        // usage of the same project and model, and are all kept: the facts sum them per project and model.
        var seen = new HashSet<(DateOnly Day, string? Project, string? Model, string? User, string? ApiKey, bool? Batch, string? Tier)>();
        foreach (var file in ExportFiles.Resolve(_path, ".json", _source))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var source = _source.For($"OpenAI usage export '{Path.GetFileName(file)}'");
            using var stream = ExportFiles.Open(file, source);
            var page = TelemetryHttp.ReadJson(stream, OpenAiJsonContext.Default.OpenAiPageBodyOpenAiUsageResultBody, source);
            foreach (var (day, results) in OpenAiPages.UsageResults(page, source).Where(b => days.Contains(b.Day)))
            {
                arrivedDays.Add(day);
                foreach (var result in results)
                {
                    if ((projectIds.Count == 0 || projectIds.Contains(result.ProjectId ?? string.Empty, StringComparer.Ordinal))
                        && seen.Add((day, result.ProjectId, result.Model, result.UserId, result.ApiKeyId, result.Batch, result.ServiceTier)))
                    {
                        rows.Add(OpenAiPages.UsageRow(day, result, source));
                    }
                }
            }
        }
        IReadOnlyList<OpenAiUsageBucket> merged = [.. arrivedDays.Order().Select(day => new OpenAiUsageBucket(day, [.. rows.Where(r => r.Day == day)]))];
        return Task.FromResult(merged);
    }
}
