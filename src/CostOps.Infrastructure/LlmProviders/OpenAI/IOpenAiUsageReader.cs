using CostOps.Application.Telemetry;

namespace CostOps.Infrastructure.LlmProviders.OpenAI;

/// <summary>Reads OpenAI completions usage buckets (daily, grouped by model and project): live or from exported pages.</summary>
internal interface IOpenAiUsageReader
{
    Task<IReadOnlyList<OpenAiUsageBucket>> ReadUsageAsync(UtcDayRange days, IReadOnlyList<string> projectIds, CancellationToken cancellationToken = default);
}
