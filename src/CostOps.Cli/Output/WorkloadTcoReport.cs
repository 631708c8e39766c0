using System.Globalization;
using CostOps.Application.Catalog;
using CostOps.Application.Results;
using CostOps.Application.Verdicts;
using CostOps.Domain.Pricing;
using CostOps.Domain.Time;
using Spectre.Console;

namespace CostOps.Cli.Output;

/// <summary>A workload's stored days as a table, with a one-line verdict under it.</summary>
internal static class WorkloadTcoReport
{
    public static void Write(TextWriter writer, WorkloadDefinition workload, IReadOnlyList<DailyTcoRecord> rows, DayRange shown)
    {
        var console = BreakEvenTable.ConsoleFor(writer);
        var table = new Table().Border(TableBorder.Simple).Title($"[bold]{Markup.Escape(workload.Id)}[/] ({Markup.Escape(workload.DisplayName)})");
        foreach (var (name, right) in new[]
        {
            ("Day", false), ("Requests", true), ("Self-hosted", true), ("API-equivalent", true), ("Savings", true),
            ("Break-even/month", true), ("Demand ratio", true), ("Complete", true),
        })
        {
            table.AddColumn(right ? new TableColumn(name).RightAligned() : new TableColumn(name));
        }
        foreach (var row in rows)
        {
            var tco = row.Tco;
            table.AddRow(
                tco.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Count(tco.Requests),
                Usd(tco.SelfHostedCost),
                Usd(tco.ApiEquivalentCost),
                Usd(tco.Savings),
                tco.NeverBreaksEven ? "never" : Count(tco.BreakEvenRequestsPerMonth),
                tco.DemandRatio is { } ratio ? ratio.ToString("0.00", CultureInfo.InvariantCulture) : "unknown",
                tco.Completeness.ToString("0%", CultureInfo.InvariantCulture));
        }
        console.Write(table);
        writer.WriteLine(Verdict(workload, rows, shown));
        writer.WriteLine();
    }

    /// <summary>
    /// What the period says, in one line a stakeholder can act on. The position is the latest verdict's (the latest
    /// night with data, <see cref="WorkloadVerdict"/>), dated when newer nights lack data.
    /// </summary>
    internal static string Verdict(WorkloadDefinition workload, IReadOnlyList<DailyTcoRecord> rows, DayRange shown)
    {
        if (rows.Count == 0)
        {
            return $"{workload.Id}: no stored days yet; run `costops nightly` first.";
        }
        var known = rows.Where(r => r.Tco.Savings is not null).ToList();
        var savings = known.Aggregate(Money.Zero, (sum, r) => sum + r.Tco.Savings!.Value).RoundToCents();
        var verdict = WorkloadVerdict.Of(workload.Id, rows, shown);
        var incomplete = rows.Count(r => r.Tco.Completeness < 0.9m);
        var period = $"over {rows.Count} days self-hosting {(savings.Usd >= 0 ? "saved" : "cost")} {(savings.Usd >= 0 ? savings : -savings)}{(savings.Usd >= 0 ? "" : " more than the API")}";
        var position = verdict.Row?.Tco switch
        {
            null => $"no data in the {shown.Days} days shown, so break-even is unknown",
            { Verdict: Domain.Observed.Verdict.NeverBreaksEven } => "it never breaks even at these prices: pause it and route to the API",
            { DemandRatio: { } ratio, BreakEvenRequestsPerMonth: { } breakEven } when ratio >= 1.15m =>
                $"demand is {ratio:0.00}x break-even ({breakEven:#,##0} requests/month): keep self-hosting",
            { DemandRatio: { } ratio, BreakEvenRequestsPerMonth: { } breakEven } when ratio <= 0.85m =>
                $"demand is {ratio:0.00}x break-even ({breakEven:#,##0} requests/month): a candidate to pause",
            { DemandRatio: { } ratio, BreakEvenRequestsPerMonth: { } breakEven } =>
                $"demand is {ratio:0.00}x break-even ({breakEven:#,##0} requests/month): inside the hysteresis band, hold",
            _ => "self-hosting is cheaper at any volume at these prices: keep self-hosting",
        };
        if (verdict.Row is not null && verdict.HasNightsWithoutData)
        {
            position += $" ({verdict.Describe()})";
        }
        var warning = incomplete > 0 ? $"; {incomplete} day(s) with incomplete telemetry" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{workload.Id}: {period}; {position}{warning}.");
    }

    private static string Usd(Money? money) => money is { } m ? m.RoundToCents().ToString() : "unknown";

    private static string Count(decimal? value) => value is { } v ? Math.Round(v).ToString("#,##0", CultureInfo.InvariantCulture) : "unknown";
}
