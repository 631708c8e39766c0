using CostOps.Application.Verdicts;

namespace CostOps.Functions.Api.Dtos;

/// <summary>A workload's latest verdict, as every endpoint reports it.</summary>
/// <param name="Verdict"><c>above-break-even</c>, <c>below-break-even</c>, <c>never-breaks-even</c> or <c>no-data</c>.</param>
/// <param name="AsOf">The night the verdict is from: the latest with data; null when no night of the window has one.</param>
/// <param name="AgeDays">Nights between <paramref name="AsOf"/> and the newest night looked at; null without a verdict.</param>
/// <param name="NightsWithoutData">Newer nights than <paramref name="AsOf"/> (every night looked at when there is no verdict) that lack data, oldest first.</param>
/// <param name="Summary">The same in one sentence.</param>
public sealed record VerdictOutput(string Verdict, DateOnly? AsOf, int? AgeDays, IReadOnlyList<DateOnly> NightsWithoutData, string Summary)
{
    public static VerdictOutput From(WorkloadVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return new(verdict.Verdict.Name(), verdict.AsOf, verdict.AgeDays, verdict.NightsWithoutData, verdict.Describe());
    }
}
