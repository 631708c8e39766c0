using System.Globalization;

namespace CostOps.Application.Digest.Rendering;

/// <summary>How the renderers write money, counts, ratios and dates (invariant culture, USD).</summary>
internal static class DigestNumbers
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>What an unknown figure reads as: never $0.00.</summary>
    public const string Unknown = "unknown";

    public static string Money(decimal? usd) => usd switch
    {
        null => Unknown,
        < 0 => "-$" + (-usd.Value).ToString("N2", Invariant),
        { } known => "$" + known.ToString("N2", Invariant),
    };

    public static string SignedMoney(decimal usd) => usd < 0 ? Money(usd) : "+" + Money(usd);

    public static string Count(long? count) => count is { } known ? known.ToString("N0", Invariant) : Unknown;

    public static string SignedCount(long count) => (count < 0 ? "" : "+") + Count(count);

    public static string Ratio(decimal? ratio) => ratio is { } r ? r.ToString("0.00", Invariant) + "×" : "n/a";

    public static string Arrow(DemandTrend trend) => trend switch
    {
        DemandTrend.Up => "↑",
        DemandTrend.Down => "↓",
        DemandTrend.Flat => "→",
        _ => "",
    };

    /// <summary>"1.56× ↑ (up from 1.38×)", or "n/a" without a ratio.</summary>
    public static string DemandVsBreakEven(WorkloadDigest workload)
    {
        if (workload.LatestDemandRatio is null)
        {
            return "n/a";
        }
        var text = Ratio(workload.LatestDemandRatio);
        return workload.Trend == DemandTrend.Unknown
            ? text
            : $"{text} {Arrow(workload.Trend)} (last week {Ratio(workload.PreviousDemandRatio)})";
    }

    /// <summary>"+$12.30 (+4.1%) vs last week"; the percentage only when last week was not zero; "not comparable" when either week is unknown.</summary>
    public static string MoneyChange(decimal? now, decimal? before)
    {
        if (now is not { } thisWeek || before is not { } lastWeek)
        {
            return "no comparison (a week without the figure)";
        }
        var delta = thisWeek - lastWeek;
        var percent = lastWeek == 0 ? "" : $" ({(delta < 0 ? "" : "+")}{(delta / Math.Abs(lastWeek) * 100m).ToString("0.0", Invariant)}%)";
        return $"{SignedMoney(delta)}{percent} vs last week";
    }

    public static string CountChange(long? now, long? before) =>
        now is { } thisWeek && before is { } lastWeek ? $"{SignedCount(thisWeek - lastWeek)} vs last week" : "no comparison (a week without the figure)";

    public static string Period(IsoWeek week) =>
        $"{week.Monday.ToString("ddd d MMM", Invariant)} – {week.Sunday.ToString("ddd d MMM yyyy", Invariant)} (UTC)";

    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", Invariant) + " UTC";


    public static string Date(DateOnly day) => day.ToString("ddd d MMM", Invariant);

    /// <summary>"Pause (enforce): done ×2, latest night Fri 20 Nov: reason".</summary>
    public static string ActionLine(DigestActionItem action)
    {
        var times = action.Count > 1 ? $" ×{action.Count}" : "";
        return $"{DigestWording.Action(action.Action)} ({DigestWording.Mode(action.Mode)}): {DigestWording.Outcome(action.Outcome)}{times}, " +
               $"latest night {Date(action.LatestNight)}: {action.LatestReason}";
    }

    /// <summary>"above break-even as of 2026-11-22", with the newer nights without data when there are.</summary>
    public static string VerdictLine(WorkloadDigest workload) => workload.LatestVerdict.Describe();

    public static string Title(IsoWeek week) => $"CostOps weekly digest · {week}";

    public static string Subject(WeeklyDigest digest) =>
        $"{Title(digest.Week)}: " +
        digest.ThisWeek.Savings switch
        {
            null => "savings unknown (no data)",
            < 0 => $"self-hosting cost {Money(-digest.ThisWeek.Savings)} more than the API",
            _ => $"self-hosting saved {Money(digest.ThisWeek.Savings)} vs the API",
        } +
        (digest.WarningCount > 0 ? $", {digest.WarningCount} warning{(digest.WarningCount == 1 ? "" : "s")}" : "");

    /// <summary>How a money figure is coloured: "bad" when negative, "unknown" when null, else "good".</summary>
    public static Tone ToneOf(decimal? savings) => savings switch
    {
        null => Tone.Unknown,
        < 0 => Tone.Bad,
        _ => Tone.Good,
    };

    /// <summary>The three colours a figure can have.</summary>
    public enum Tone
    {
        Good,
        Bad,
        Unknown,
    }

    /// <summary>Cuts <paramref name="text"/> to <paramref name="max"/> characters with an ellipsis.</summary>
    public static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
