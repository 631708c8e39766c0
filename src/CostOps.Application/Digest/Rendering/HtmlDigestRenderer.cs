using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using CostOps.Domain.Observed;

namespace CostOps.Application.Digest.Rendering;

/// <summary>
/// Renders the digest as one self-contained HTML document for e-mail and local files: inline CSS only (mail
/// clients drop style sheets), no scripts, no external resources, and every piece of data HTML-encoded. One column
/// at most <see cref="MaxWidthPx"/> wide that narrows with the screen: the KPIs wrap, and each workload is a block of
/// label/value lines rather than a wide table, so it reads at phone width (420 px). Lists every catalog workload.
/// Pure: no I/O.
/// </summary>
public sealed class HtmlDigestRenderer(DigestRenderOptions options)
{
    /// <summary>The widest the column gets; narrower screens get the whole width.</summary>
    public const int MaxWidthPx = 640;

    private const string Good = "color:#0e700e";
    private const string Bad = "color:#c50f1f";
    private const string Amber = "color:#8a5300";
    private const string Subtle = "color:#616161";
    private const string Line = "padding:2px 12px 2px 0;vertical-align:top";

    // Encodes <, >, &, quotes and apostrophes; leaves other Unicode readable.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly DigestRenderOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Renders the HTML document.</summary>
    public string Render(WeeklyDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var html = new StringBuilder(4096 + (digest.Workloads.Count * 900));
        var title = DigestNumbers.Title(digest.Week);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n</head>\n")
            .Append("<body style=\"margin:0;padding:8px;background:#f5f5f5;font-family:'Segoe UI',Helvetica,Arial,sans-serif;font-size:14px;color:#242424\">\n")
            .Append("<div style=\"max-width:").Append(MaxWidthPx).Append("px;width:100%;box-sizing:border-box;margin:0 auto;background:#ffffff;padding:16px;border-radius:8px;overflow-wrap:break-word\">\n")
            .Append("<h1 style=\"font-size:20px;margin:0 0 4px 0\">").Append(E(title)).Append("</h1>\n")
            .Append("<p style=\"margin:0 0 16px 0;").Append(Subtle).Append("\">")
            .Append(E($"{DigestNumbers.Period(digest.Week)} · {digest.Workloads.Count} workloads · generated {DigestNumbers.Timestamp(digest.GeneratedAt)}"))
            .Append("</p>\n");
        if (digest.IsWeekInProgress)
        {
            html.Append("<p style=\"").Append(Amber).Append(";font-weight:600\">")
                .Append(E($"Week in progress: figures cover the days up to {DigestNumbers.Timestamp(digest.GeneratedAt)}."))
                .Append("</p>\n");
        }

        AppendKpis(html, digest);
        AppendCounts(html, digest);

        if (digest.PortfolioWarnings.Count > 0)
        {
            html.Append("<h2 style=\"font-size:17px;margin:20px 0 8px 0;").Append(Amber).Append("\">Needs attention</h2>\n<ul style=\"padding-left:20px;margin:0\">\n");
            foreach (var warning in digest.PortfolioWarnings)
            {
                html.Append("<li style=\"").Append(Amber).Append("\">⚠ ").Append(E(warning.Message)).Append("</li>\n");
            }
            html.Append("</ul>\n");
        }

        if (digest.Workloads.Count > 0)
        {
            html.Append("<h2 style=\"font-size:17px;margin:20px 0 8px 0\">Workloads</h2>\n");
            foreach (var workload in digest.Workloads)
            {
                AppendWorkload(html, workload);
            }
        }
        else
        {
            html.Append("<p style=\"").Append(Amber).Append("\">⚠ The catalog lists no workload.</p>\n");
        }

        if (_options.DashboardUrl is { } dashboard)
        {
            html.Append("<p style=\"margin-top:20px\"><a style=\"color:#5b5fc7\" href=\"").Append(E(dashboard.AbsoluteUri))
                .Append("\">Open the dashboard</a></p>\n");
        }
        html.Append("<p style=\"font-size:12px;margin-top:20px;").Append(Subtle).Append("\">")
            .Append(E("Savings = API-equivalent cost − self-hosted cost (amortized one-off costs included). " +
                      "Demand ÷ break-even: projected monthly demand over the break-even volume; above 1 self-hosting pays. " +
                      "\"unknown\": no day of the week had the figure (it is never counted as zero). Money in USD; days in UTC."))
            .Append("</p>\n</div>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendKpis(StringBuilder html, WeeklyDigest digest)
    {
        var now = digest.ThisWeek;
        var before = digest.PreviousWeek;
        html.Append("<div style=\"margin:8px 0 16px 0\">\n");
        Kpi(html, "Savings vs API", DigestNumbers.Money(now.Savings), DigestNumbers.MoneyChange(now.Savings, before.Savings), Color(now.Savings));
        Kpi(html, "Self-hosted cost", DigestNumbers.Money(now.SelfHostedCost), DigestNumbers.MoneyChange(now.SelfHostedCost, before.SelfHostedCost), UnknownOr(now.SelfHostedCost, ""));
        Kpi(html, "API-equivalent cost", DigestNumbers.Money(now.ApiEquivalentCost), DigestNumbers.MoneyChange(now.ApiEquivalentCost, before.ApiEquivalentCost), UnknownOr(now.ApiEquivalentCost, ""));
        Kpi(html, "Requests", DigestNumbers.Count(now.Requests), DigestNumbers.CountChange(now.Requests, before.Requests), now.Requests is null ? Amber : "");
        html.Append("</div>\n");
    }

    // Inline blocks wrap two per line on a phone and four on a desktop, with no media query (mail clients drop them).
    private static void Kpi(StringBuilder html, string label, string value, string change, string color) =>
        html.Append("<div style=\"display:inline-block;vertical-align:top;min-width:140px;max-width:100%;padding:6px 12px 6px 0\"><div style=\"").Append(Subtle).Append("\">").Append(E(label)).Append("</div>")
            .Append("<div style=\"font-size:22px;font-weight:600;").Append(color).Append("\">").Append(E(value)).Append("</div>")
            .Append("<div style=\"font-size:12px;").Append(Subtle).Append("\">").Append(E(change)).Append("</div></div>\n");

    private static void AppendCounts(StringBuilder html, WeeklyDigest digest)
    {
        (string Label, string Value, string Style)[] facts =
        [
            ("Above break-even", DigestNumbers.Count(digest.CountIn(Verdict.AboveBreakEven)), ""),
            ("Below break-even", DigestNumbers.Count(digest.CountIn(Verdict.BelowBreakEven)), ""),
            ("Never breaks even", DigestNumbers.Count(digest.CountIn(Verdict.NeverBreaksEven)), ""),
            ("No data", DigestNumbers.Count(digest.CountIn(Verdict.NoData)), digest.CountIn(Verdict.NoData) > 0 ? Amber : ""),
            ("Autopilot actions taken", DigestNumbers.Count(digest.ActionsTakenCount), ""),
            ("Autopilot actions planned", DigestNumbers.Count(digest.ActionsPlannedCount), ""),
            ("Requests self-hosted / API-routed", $"{DigestNumbers.Count(digest.ThisWeek.SelfHostedRequests)} / {DigestNumbers.Count(digest.ThisWeek.ApiRoutedRequests)}", ""),
            ("API spend (routed traffic)", DigestNumbers.Money(digest.ThisWeek.ApiActualCost), UnknownOr(digest.ThisWeek.ApiActualCost, "")),
            ("Warnings", DigestNumbers.Count(digest.WarningCount), digest.WarningCount > 0 ? Amber : ""),
        ];
        html.Append("<table role=\"presentation\" style=\"border-collapse:collapse;margin-bottom:8px\">\n");
        foreach (var (label, value, style) in facts)
        {
            html.Append("<tr><td style=\"").Append(Line).Append(";font-weight:600\">").Append(E(label))
                .Append("</td><td style=\"").Append(Line).Append(style.Length > 0 ? ";" + style : "").Append("\">").Append(E(value)).Append("</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void AppendWorkload(StringBuilder html, WorkloadDigest workload)
    {
        var totals = workload.ThisWeek;
        var attention = workload.Warnings.Count > 0;
        html.Append("<div style=\"border-top:1px solid #e0e0e0;padding:10px 0\">\n")
            .Append("<h3 style=\"font-size:15px;margin:0 0 2px 0\">").Append(E(workload.DisplayName));
        if (workload.DisplayName != workload.WorkloadId)
        {
            html.Append(" <span style=\"font-weight:400;font-size:12px;").Append(Subtle).Append("\">").Append(E(workload.WorkloadId)).Append("</span>");
        }
        html.Append("</h3>\n<p style=\"margin:0 0 6px 0;").Append(workload.State == Verdict.NoData || workload.LatestVerdict.HasNightsWithoutData ? Amber : Subtle).Append("\">")
            .Append(E((attention ? "⚠ " : "") + DigestNumbers.VerdictLine(workload))).Append("</p>\n")
            .Append("<table role=\"presentation\" style=\"border-collapse:collapse;width:100%\">\n");
        Row(html, "Requests", DigestNumbers.Count(totals.Requests), totals.Requests is null ? Amber : "");
        Row(html, "Self-hosted cost", DigestNumbers.Money(totals.SelfHostedCost), UnknownOr(totals.SelfHostedCost, ""));
        Row(html, "API-equivalent cost", DigestNumbers.Money(totals.ApiEquivalentCost), UnknownOr(totals.ApiEquivalentCost, ""));
        Row(html, "Savings", DigestNumbers.Money(totals.Savings), Color(totals.Savings));
        Row(html, "Demand ÷ break-even", DigestNumbers.DemandVsBreakEven(workload), "");
        html.Append("</table>\n<p style=\"margin:6px 0 0 0\">").Append(E(workload.WhatWouldChange)).Append("</p>\n");
        AppendNotes(html, workload);
        html.Append("</div>\n");
    }

    private static void Row(StringBuilder html, string label, string value, string style) =>
        html.Append("<tr><td style=\"").Append(Line).Append(";width:45%;").Append(Subtle).Append("\">").Append(E(label))
            .Append("</td><td style=\"").Append(Line).Append(style.Length > 0 ? ";" + style : "").Append("\">").Append(E(value)).Append("</td></tr>\n");

    private static void AppendNotes(StringBuilder html, WorkloadDigest workload)
    {
        if (workload.Actions.Count == 0 && workload.Warnings.Count == 0 && workload.EstimatedCostDays == 0)
        {
            return;
        }
        html.Append("<ul style=\"margin:6px 0 0 0;padding-left:20px\">\n");
        foreach (var action in workload.Actions)
        {
            html.Append("<li>").Append(E(DigestNumbers.ActionLine(action))).Append("</li>\n");
        }
        foreach (var warning in workload.Warnings)
        {
            html.Append("<li style=\"").Append(Amber).Append("\">⚠ ").Append(E(warning.Message)).Append("</li>\n");
        }
        if (workload.EstimatedCostDays > 0)
        {
            html.Append("<li style=\"").Append(Subtle).Append("\">")
                .Append(E($"GPU cost is an estimate (hours × list rate) on {workload.EstimatedCostDays} of {workload.DaysWithData} days with data."))
                .Append("</li>\n");
        }
        html.Append("</ul>\n");
    }

    private static string Color(decimal? savings) => DigestNumbers.ToneOf(savings) switch
    {
        DigestNumbers.Tone.Good => Good,
        DigestNumbers.Tone.Bad => Bad,
        _ => Amber,
    };

    private static string UnknownOr(decimal? value, string known) => value is null ? Amber : known;

    private static string E(string text) => Encoder.Encode(text);
}
