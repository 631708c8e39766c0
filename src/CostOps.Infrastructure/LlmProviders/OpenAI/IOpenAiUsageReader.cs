using CostOps.Domain.Time;

namespace CostOps.Infrastructure.LlmProviders.OpenAI;

/// <summary>Reads OpenAI completions usage buckets (daily, grouped by model and project): live or from exported pages.</summary>
internal interface IOpenAiUsageReader
{
    Task<IReadOnlyList<OpenAiUsageBucket>> ReadUsageAsync(DayRange days, IReadOnlyList<string> projectIds, CancellationToken cancellationToken = default);
}
