using System.Globalization;
using CostOps.Application.Results;
using CostOps.Domain.Observed;
using CostOps.Domain.Time;

namespace CostOps.Application.Verdicts;

/// <summary>
/// A workload's latest verdict over a window of nights: the verdict of the latest night that has one, that night's
/// row, and the newer nights that lack data (no row, or a row without a verdict). Every surface that says where a
/// workload stands (workloads, TCO summary, autopilot plan, digest, CLI) says it from this.
/// </summary>
/// <param name="WorkloadId">The workload.</param>
/// <param name="Window">The nights looked at; its last night is the newest that could have data.</param>
/// <param name="Row">The latest row with a verdict; null when no night of the window has one.</param>
/// <param name="NightsWithoutData">Nights of the window after <paramref name="Row"/>'s (every night when there is no row) without a verdict, oldest first.</param>
public sealed record WorkloadVerdict(string WorkloadId, DayRange Window, DailyTcoRecord? Row, IReadOnlyList<DateOnly> NightsWithoutData)
{
    /// <summary>The latest verdict; <see cref="Verdict.NoData"/> when no night of the window has one.</summary>
    public Verdict Verdict => Row?.Tco.Verdict ?? Verdict.NoData;

    /// <summary>The night the verdict is from; null without one.</summary>
    public DateOnly? AsOf => Row?.Tco.Day;

    /// <summary>Nights between <see cref="AsOf"/> and the window's last night (0: the verdict is the newest night's).</summary>
    public int? AgeDays => AsOf is { } day ? Window.To.DayNumber - day.DayNumber : null;

    /// <summary>True when newer nights than the verdict's (or every night) lack data.</summary>
    public bool HasNightsWithoutData => NightsWithoutData.Count > 0;

    /// <summary>The latest verdict among <paramref name="rows"/> (any order; rows outside <paramref name="window"/> are ignored).</summary>
    public static WorkloadVerdict Of(string workloadId, IEnumerable<DailyTcoRecord> rows, DayRange window)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workloadId);
        ArgumentNullException.ThrowIfNull(rows);
        var inWindow = rows.Where(r => window.Contains(r.Tco.Day)).ToList();
        var latest = inWindow.Where(r => r.Tco.Verdict != Verdict.NoData).MaxBy(r => r.Tco.Day);
        var withVerdict = inWindow.Where(r => r.Tco.Verdict != Verdict.NoData).Select(r => r.Tco.Day).ToHashSet();
        // Without a verdict every night of the window lacks data (and a window may start on the calendar's first day).
        var without = window.EachDay().Where(d => (latest is null || d > latest.Tco.Day) && !withVerdict.Contains(d)).ToList();
        return new WorkloadVerdict(workloadId, window, latest, without);
    }

    /// <summary>
    /// One sentence: "above break-even as of 2026-03-09 (1 night old); 1 newer night has no data (2026-03-10)", or
    /// "no data in the 31 nights up to 2026-03-10".
    /// </summary>
    public string Describe()
    {
        if (AsOf is not { } asOf)
        {
            return string.Create(CultureInfo.InvariantCulture, $"no data in the {Window.Days} nights up to {Window.To:yyyy-MM-dd}");
        }
        var age = AgeDays switch
        {
            0 => "",
            1 => " (1 night old)",
            { } n => string.Create(CultureInfo.InvariantCulture, $" ({n} nights old)"),
            _ => "",
        };
        var text = string.Create(CultureInfo.InvariantCulture, $"{Verdict.Words()} as of {asOf:yyyy-MM-dd}{age}");
        return HasNightsWithoutData ? $"{text}; {NewerNightsText()}" : text;
    }

    private string NewerNightsText()
    {
        var count = NightsWithoutData.Count;
        var days = count <= 3
            ? string.Join(", ", NightsWithoutData.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            : string.Create(CultureInfo.InvariantCulture, $"{NightsWithoutData[0]:yyyy-MM-dd} to {NightsWithoutData[^1]:yyyy-MM-dd}");
        return count == 1 ? $"1 newer night has no data ({days})" : string.Create(CultureInfo.InvariantCulture, $"{count} newer nights have no data ({days})");
    }
}
