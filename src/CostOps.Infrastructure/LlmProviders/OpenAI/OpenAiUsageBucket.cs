namespace CostOps.Infrastructure.LlmProviders.OpenAI;

/// <summary>One daily usage bucket as read from the API or an exported page file.</summary>
internal sealed record OpenAiUsageBucket(DateOnly Day, IReadOnlyList<ApiUsageRow> Rows);
