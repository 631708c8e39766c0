using CostOps.Domain.Observed;

namespace CostOps.Functions.Api.Dtos;

/// <summary>One word for where a workload stands against break-even (the weekly digest's states).</summary>
internal static class Verdicts
{
    public const string AboveBreakEven = "above-break-even";
    public const string BelowBreakEven = "below-break-even";
    public const string NeverBreaksEven = "never-breaks-even";
    public const string NoData = "no-data";

    public static string For(DailyTco? tco) => tco switch
    {
        null => NoData,
        { NeverBreaksEven: true } => NeverBreaksEven,
        { DemandRatio: null } => NoData,
        { DemandRatio: >= 1m } => AboveBreakEven,
        _ => BelowBreakEven,
    };

    public static bool HasVerdict(DailyTco tco) => For(tco) != NoData;
}
