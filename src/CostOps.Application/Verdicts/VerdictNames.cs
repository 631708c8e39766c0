using CostOps.Domain.Observed;

namespace CostOps.Application.Verdicts;

/// <summary>The JSON spellings and the words of <see cref="Verdict"/>, shared by the API, the digest and the CLI.</summary>
public static class VerdictNames
{
    /// <summary><c>above-break-even</c>, <c>below-break-even</c>, <c>never-breaks-even</c> or <c>no-data</c>.</summary>
    public static string Name(this Verdict verdict) => verdict switch
    {
        Verdict.AboveBreakEven => "above-break-even",
        Verdict.BelowBreakEven => "below-break-even",
        Verdict.NeverBreaksEven => "never-breaks-even",
        _ => "no-data",
    };

    /// <summary>The verdict in words: "above break-even", ..., "no data".</summary>
    public static string Words(this Verdict verdict) => verdict switch
    {
        Verdict.AboveBreakEven => "above break-even",
        Verdict.BelowBreakEven => "below break-even",
        Verdict.NeverBreaksEven => "never breaks even",
        _ => "no data",
    };
}
