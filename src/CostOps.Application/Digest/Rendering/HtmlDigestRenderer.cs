using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace CostOps.Application.Digest.Rendering;

/// <summary>
/// Renders the digest as one self-contained HTML document for e-mail and local files: inline CSS only (mail
/// clients drop style sheets), no scripts, no external resources, and every piece of data HTML-encoded.
/// Lists every workload (e-mail has no 28 KB limit). Pure: no I/O.
/// </summary>
public sealed class HtmlDigestRenderer(DigestRenderOptions options)
{
    private const string Cell = "padding:6px 8px;border-bottom:1px solid #e0e0e0;vertical-align:top";
    private const string HeaderCell = "padding:6px 8px;border-bottom:2px solid #5b5fc7;text-align:left;font-weight:600";
    private const string Good = "color:#0e700e";
    private const string Bad = "color:#c50f1f";
    private const string Subtle = "color:#616161";

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
            .Append("<body style=\"margin:0;padding:16px;background:#f5f5f5;font-family:'Segoe UI',Helvetica,Arial,sans-serif;font-size:14px;color:#242424\">\n")
            .Append("<div style=\"max-width:1100px;margin:0 auto;background:#ffffff;padding:24px;border-radius:8px\">\n")
            .Append("<h1 style=\"font-size:22px;margin:0 0 4px 0\">").Append(E(title)).Append("</h1>\n")
            .Append("<p style=\"margin:0 0 16px 0;").Append(Subtle).Append("\">")
            .Append(E($"{DigestNumbers.Period(digest.Week)} · {digest.Workloads.Count} workloads · generated {DigestNumbers.Timestamp(digest.GeneratedAt)}"))
            .Append("</p>\n");
        if (digest.IsWeekInProgress)
        {
            html.Append("<p style=\"color:#8a5300;font-weight:600\">")
                .Append(E($"Week in progress: figures cover the days up to {DigestNumbers.Timestamp(digest.GeneratedAt)}."))
                .Append("</p>\n");
        }

        AppendKpis(html, digest);
        AppendCounts(html, digest);

        if (digest.PortfolioWarnings.Count > 0)
        {
            html.Append("<h2 style=\"font-size:17px;margin:20px 0 8px 0;").Append(Bad).Append("\">Job runs</h2>\n<ul>\n");
            foreach (var warning in digest.PortfolioWarnings)
            {
                html.Append("<li>").Append(E(warning.Message)).Append("</li>\n");
            }
            html.Append("</ul>\n");
        }

        if (digest.Workloads.Count > 0)
        {
            AppendWorkloadTable(html, digest.Workloads);
            AppendNotes(html, digest.Workloads);
        }
        else
        {
            html.Append("<p>No workload had data or decisions this week or the week before.</p>\n");
        }

        if (_options.DashboardUrl is { } dashboard)
        {
            html.Append("<p style=\"margin-top:20px\"><a style=\"color:#5b5fc7\" href=\"").Append(E(dashboard.AbsoluteUri))
                .Append("\">Open the dashboard</a></p>\n");
        }
        html.Append("<p style=\"font-size:12px;margin-top:20px;").Append(Subtle).Append("\">")
            .Append(E("Savings = API-equivalent cost − self-hosted cost (amortized one-off costs included). " +
                      "Demand ÷ break-even: projected monthly demand over the break-even volume; above 1 self-hosting pays. " +
                      "Money in USD; days in UTC."))
            .Append("</p>\n</div>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendKpis(StringBuilder html, WeeklyDigest digest)
    {
        var now = digest.ThisWeek;
        var before = digest.PreviousWeek;
        html.Append("<table role=\"presentation\" style=\"width:100%;border-collapse:collapse;margin:8px 0 16px 0\"><tr>\n");
        Kpi(html, "Savings vs API", DigestNumbers.Money(now.Savings), DigestNumbers.MoneyChange(now.Savings, before.Savings), now.Savings < 0 ? Bad : Good);
        Kpi(html, "Self-hosted cost", DigestNumbers.Money(now.SelfHostedCost), DigestNumbers.MoneyChange(now.SelfHostedCost, before.SelfHostedCost), "");
        Kpi(html, "API-equivalent cost", DigestNumbers.Money(now.ApiEquivalentCost), DigestNumbers.MoneyChange(now.ApiEquivalentCost, before.ApiEquivalentCost), "");
        Kpi(html, "Requests", DigestNumbers.Count(now.Requests), DigestNumbers.CountChange(now.Requests, before.Requests), "");
        html.Append("</tr></table>\n");
    }

    private static void Kpi(StringBuilder html, string label, string value, string change, string color) =>
        html.Append("<td style=\"padding:8px;vertical-align:top\"><div style=\"").Append(Subtle).Append("\">").Append(E(label)).Append("</div>")
            .Append("<div style=\"font-size:24px;font-weight:600;").Append(color).Append("\">").Append(E(value)).Append("</div>")
            .Append("<div style=\"font-size:12px;").Append(Subtle).Append("\">").Append(E(change)).Append("</div></td>\n");

    private static void AppendCounts(StringBuilder html, WeeklyDigest digest)
    {
        (string Label, string Value)[] facts =
        [
            ("Above break-even", DigestNumbers.Count(digest.CountIn(WorkloadState.AboveBreakEven))),
            ("Below break-even", DigestNumbers.Count(digest.CountIn(WorkloadState.BelowBreakEven))),
            ("Never breaks even", DigestNumbers.Count(digest.CountIn(WorkloadState.NeverBreaksEven))),
            ("No data", DigestNumbers.Count(digest.CountIn(WorkloadState.NoData))),
            ("Autopilot actions taken", DigestNumbers.Count(digest.ActionsTakenCount)),
            ("Autopilot actions planned", DigestNumbers.Count(digest.ActionsPlannedCount)),
            ("Requests self-hosted / API-routed", $"{DigestNumbers.Count(digest.ThisWeek.SelfHostedRequests)} / {DigestNumbers.Count(digest.ThisWeek.ApiRoutedRequests)}"),
            ("API spend (routed traffic)", DigestNumbers.Money(digest.ThisWeek.ApiActualCost)),
            ("Warnings", DigestNumbers.Count(digest.WarningCount)),
        ];
        html.Append("<table style=\"border-collapse:collapse;margin-bottom:8px\">\n");
        foreach (var (label, value) in facts)
        {
            html.Append("<tr><th scope=\"row\" style=\"padding:2px 16px 2px 0;text-align:left;font-weight:600\">").Append(E(label))
                .Append("</th><td style=\"padding:2px 0\">").Append(E(value)).Append("</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void AppendWorkloadTable(StringBuilder html, IReadOnlyList<WorkloadDigest> workloads)
    {
        string[] headers = ["Workload", "State", "Requests", "Self-hosted cost", "API-equivalent cost", "Savings", "Demand ÷ break-even", "What would change the verdict"];
        html.Append("<h2 style=\"font-size:17px;margin:20px 0 8px 0\">Workloads</h2>\n")
            .Append("<table style=\"width:100%;border-collapse:collapse\">\n<thead><tr>");
        foreach (var header in headers)
        {
            html.Append("<th scope=\"col\" style=\"").Append(HeaderCell).Append("\">").Append(E(header)).Append("</th>");
        }
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var workload in workloads)
        {
            var totals = workload.ThisWeek;
            html.Append("<tr>");
            Td(html, workload.WorkloadId, "font-weight:600");
            Td(html, DigestWording.State(workload.State) + (workload.Warnings.Count > 0 ? " ⚠" : ""), "");
            Td(html, DigestNumbers.Count(totals.Requests), "text-align:right;white-space:nowrap");
            Td(html, DigestNumbers.Money(totals.SelfHostedCost), "text-align:right;white-space:nowrap");
            Td(html, DigestNumbers.Money(totals.ApiEquivalentCost), "text-align:right;white-space:nowrap");
            Td(html, DigestNumbers.Money(totals.Savings), "text-align:right;white-space:nowrap;" + (totals.Savings < 0 ? Bad : Good));
            Td(html, DigestNumbers.DemandVsBreakEven(workload), "");
            Td(html, workload.WhatWouldChange, "");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static void Td(StringBuilder html, string text, string style) =>
        html.Append("<td style=\"").Append(Cell).Append(style.Length > 0 ? ";" + style : "").Append("\">").Append(E(text)).Append("</td>");

    private static void AppendNotes(StringBuilder html, IReadOnlyList<WorkloadDigest> workloads)
    {
        var noted = workloads.Where(w => w.Actions.Count > 0 || w.Warnings.Count > 0 || w.EstimatedCostDays > 0).ToList();
        if (noted.Count == 0)
        {
            return;
        }
        html.Append("<h2 style=\"font-size:17px;margin:20px 0 8px 0\">Autopilot actions and warnings</h2>\n");
        foreach (var workload in noted)
        {
            html.Append("<h3 style=\"font-size:15px;margin:12px 0 4px 0\">").Append(E(workload.WorkloadId)).Append("</h3>\n<ul style=\"margin:0\">\n");
            foreach (var action in workload.Actions)
            {
                html.Append("<li>").Append(E(DigestNumbers.ActionLine(action))).Append("</li>\n");
            }
            foreach (var warning in workload.Warnings)
            {
                html.Append("<li style=\"color:#8a5300\">⚠ ").Append(E(warning.Message)).Append("</li>\n");
            }
            if (workload.EstimatedCostDays > 0)
            {
                html.Append("<li style=\"").Append(Subtle).Append("\">")
                    .Append(E($"GPU cost is an estimate (hours × list rate) on {workload.EstimatedCostDays} of {workload.DaysReported} days."))
                    .Append("</li>\n");
            }
            html.Append("</ul>\n");
        }
    }

    private static string E(string text) => Encoder.Encode(text);
}
