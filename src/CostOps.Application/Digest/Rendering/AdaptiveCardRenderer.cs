using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using CostOps.Domain.Observed;

namespace CostOps.Application.Digest.Rendering;

/// <summary>
/// Renders the digest as an Adaptive Card (schema 1.5) for Teams: full width, KPIs in a ColumnSet, counts in a
/// FactSet, the workloads in a <c>Table</c> whose fallback is ColumnSets (Teams mobile shows tables blank), and an
/// optional "Open the dashboard" action. The card stays within <see cref="DigestRenderOptions.CardMaxBytes"/>: when
/// the workloads do not fit, the card lists as many as fit and summarizes the tail as "and N more". Pure: no I/O.
/// </summary>
public sealed class AdaptiveCardRenderer(DigestRenderOptions options)
{
    /// <summary>The card schema version (Teams supports 1.5 or earlier).</summary>
    public const string SchemaVersion = "1.5";

    private const int MaxPortfolioWarnings = 5;
    private const int MaxActionsPerWorkload = 3;
    private const int MaxIdLength = 80;
    private const int MaxSentenceLength = 300;

    private static readonly JsonSerializerOptions Compact = new()
    {
        // Keeps non-ASCII (arrows, dashes) as UTF-8 rather than \uXXXX escapes while still escaping <, >, &, quotes.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = false,
    };

    private static readonly string[] Headers = ["Workload", "Savings", "Demand ÷ break-even", "What would change the verdict"];
    private static readonly int[] Widths = [3, 2, 2, 5];

    private readonly DigestRenderOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Renders the card as compact JSON within the byte budget.</summary>
    /// <exception cref="InvalidOperationException">Not even the card without workload rows fits the budget.</exception>
    public string RenderJson(WeeklyDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var rows = Math.Min(digest.Workloads.Count, Math.Max(0, _options.CardMaxWorkloads));
        var json = Serialize(Build(digest, rows));
        if (Size(json) <= _options.CardMaxBytes)
        {
            return json;
        }

        // The size grows with the rows shown: find the most rows that fit.
        int low = 0, high = rows - 1;
        string? best = null;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var candidate = Serialize(Build(digest, middle));
            if (Size(candidate) <= _options.CardMaxBytes)
            {
                best = candidate;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return best ?? throw new InvalidOperationException(
            $"The digest card for {digest.Week} does not fit {_options.CardMaxBytes} bytes even without workload rows.");
    }

    /// <summary>The UTF-8 size of a serialized card, as Teams counts it.</summary>
    public static int Size(string json) => Encoding.UTF8.GetByteCount(json);

    private static string Serialize(JsonObject card) => card.ToJsonString(Compact);

    private JsonObject Build(WeeklyDigest digest, int workloadRows)
    {
        var body = new JsonArray
        {
            Text(DigestNumbers.Title(digest.Week), size: "Large", weight: "Bolder", style: "heading"),
            Text($"{DigestNumbers.Period(digest.Week)} · {Plural(digest.Workloads.Count, "workload")}", subtle: true, spacing: "None"),
        };
        if (digest.IsWeekInProgress)
        {
            body.Add(Text($"Week in progress: figures cover the days up to {DigestNumbers.Timestamp(digest.GeneratedAt)}.", color: "Warning"));
        }
        body.Add(Kpis(digest));
        body.Add(Counts(digest));
        if (digest.PortfolioWarnings.Count > 0)
        {
            body.Add(PortfolioWarnings(digest.PortfolioWarnings));
        }

        var shown = digest.Workloads.Take(workloadRows).ToList();
        if (shown.Count > 0)
        {
            body.Add(Text("Workloads", size: "Medium", weight: "Bolder", spacing: "Large"));
            body.Add(WorkloadTable(shown));
            foreach (var workload in shown.Where(w => w.Actions.Count > 0 || w.Warnings.Count > 0))
            {
                body.Add(WorkloadNotes(workload));
            }
        }
        var hidden = digest.Workloads.Count - shown.Count;
        if (hidden > 0)
        {
            var hiddenWarnings = digest.Workloads.Skip(shown.Count).Count(w => w.Warnings.Count > 0);
            var suffix = hiddenWarnings > 0 ? $" ({hiddenWarnings} with warnings)" : "";
            var where = _options.DashboardUrl is null ? "the e-mail or file digest" : "the dashboard";
            body.Add(Text($"…and {Plural(hidden, "more workload")}{suffix}, smaller by self-hosted cost: see {where} for all of them.", subtle: true, spacing: "Medium"));
        }

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = SchemaVersion,
            ["msteams"] = new JsonObject { ["width"] = "Full" },
            // What clients that cannot render the card (and notifications) show instead.
            ["fallbackText"] = DigestNumbers.Subject(digest),
            ["body"] = body,
        };
        if (_options.DashboardUrl is { } dashboard)
        {
            card["actions"] = new JsonArray
            {
                new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open the dashboard", ["url"] = dashboard.AbsoluteUri },
            };
        }
        return card;
    }

    private static JsonObject Kpis(WeeklyDigest digest)
    {
        var now = digest.ThisWeek;
        var before = digest.PreviousWeek;
        return new JsonObject
        {
            ["type"] = "ColumnSet",
            ["spacing"] = "Medium",
            ["columns"] = new JsonArray
            {
                Kpi("Savings vs API", DigestNumbers.Money(now.Savings), DigestNumbers.MoneyChange(now.Savings, before.Savings), Color(now.Savings)),
                Kpi("Self-hosted cost", DigestNumbers.Money(now.SelfHostedCost), DigestNumbers.MoneyChange(now.SelfHostedCost, before.SelfHostedCost), now.SelfHostedCost is null ? "Warning" : null),
                Kpi("API-equivalent cost", DigestNumbers.Money(now.ApiEquivalentCost), DigestNumbers.MoneyChange(now.ApiEquivalentCost, before.ApiEquivalentCost), now.ApiEquivalentCost is null ? "Warning" : null),
                Kpi("Requests", DigestNumbers.Count(now.Requests), DigestNumbers.CountChange(now.Requests, before.Requests), now.Requests is null ? "Warning" : null),
            },
        };
    }

    private static JsonObject Kpi(string label, string value, string change, string? color) => new()
    {
        ["type"] = "Column",
        ["width"] = "stretch",
        ["items"] = new JsonArray
        {
            Text(label, subtle: true),
            Text(value, size: "ExtraLarge", weight: "Bolder", color: color, spacing: "None"),
            Text(change, subtle: true, size: "Small", spacing: "None"),
        },
    };

    private static JsonObject Counts(WeeklyDigest digest)
    {
        var facts = new JsonArray
        {
            Fact("Above break-even", digest.CountIn(Verdict.AboveBreakEven)),
            Fact("Below break-even", digest.CountIn(Verdict.BelowBreakEven)),
            Fact("Never breaks even", digest.CountIn(Verdict.NeverBreaksEven)),
            Fact("No data", digest.CountIn(Verdict.NoData)),
            Fact("Autopilot actions taken", digest.ActionsTakenCount),
            Fact("Autopilot actions planned", digest.ActionsPlannedCount),
            Fact("Requests self-hosted / API-routed", $"{DigestNumbers.Count(digest.ThisWeek.SelfHostedRequests)} / {DigestNumbers.Count(digest.ThisWeek.ApiRoutedRequests)}"),
            Fact("API spend (routed traffic)", DigestNumbers.Money(digest.ThisWeek.ApiActualCost)),
            Fact("Warnings", digest.WarningCount),
        };
        return new JsonObject { ["type"] = "FactSet", ["spacing"] = "Medium", ["facts"] = facts };
    }

    private static JsonObject Fact(string title, int value) => Fact(title, DigestNumbers.Count(value));

    private static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };

    private static JsonObject PortfolioWarnings(IReadOnlyList<DigestWarning> warnings)
    {
        var items = new JsonArray { Text("Needs attention", weight: "Bolder", color: "Warning") };
        foreach (var warning in warnings.Take(MaxPortfolioWarnings))
        {
            items.Add(Text("⚠ " + DigestNumbers.Clip(warning.Message, MaxSentenceLength), size: "Small", spacing: "Small"));
        }
        if (warnings.Count > MaxPortfolioWarnings)
        {
            items.Add(Text($"…and {Plural(warnings.Count - MaxPortfolioWarnings, "more run problem")}.", size: "Small", subtle: true));
        }
        return new JsonObject { ["type"] = "Container", ["style"] = "warning", ["spacing"] = "Medium", ["items"] = items };
    }

    private static JsonObject WorkloadTable(IReadOnlyList<WorkloadDigest> workloads)
    {
        var columns = new JsonArray();
        foreach (var width in Widths)
        {
            columns.Add(new JsonObject { ["width"] = width });
        }
        var rows = new JsonArray { TableRow(Headers.Select(h => new JsonArray { Text(h, weight: "Bolder") })) };
        foreach (var workload in workloads)
        {
            rows.Add(TableRow(WorkloadCells(workload)));
        }
        return new JsonObject
        {
            ["type"] = "Table",
            ["firstRowAsHeader"] = true,
            ["showGridLines"] = true,
            ["gridStyle"] = "accent",
            ["columns"] = columns,
            ["rows"] = rows,
            ["fallback"] = WorkloadColumnSets(workloads),
        };
    }

    private static JsonObject TableRow(IEnumerable<JsonArray> cells)
    {
        var row = new JsonArray();
        foreach (var items in cells)
        {
            row.Add(new JsonObject { ["type"] = "TableCell", ["items"] = items });
        }
        return new JsonObject { ["type"] = "TableRow", ["cells"] = row };
    }

    /// <summary>The same rows as ColumnSets, for clients without <c>Table</c> (Teams mobile).</summary>
    private static JsonObject WorkloadColumnSets(IReadOnlyList<WorkloadDigest> workloads)
    {
        var items = new JsonArray { ColumnSetRow(Headers.Select(h => new JsonArray { Text(h, weight: "Bolder", size: "Small") }), separator: false) };
        foreach (var workload in workloads)
        {
            items.Add(ColumnSetRow(WorkloadCells(workload), separator: true));
        }
        return new JsonObject { ["type"] = "Container", ["items"] = items };
    }

    private static JsonObject ColumnSetRow(IEnumerable<JsonArray> cells, bool separator)
    {
        var columns = new JsonArray();
        foreach (var (items, width) in cells.Zip(Widths))
        {
            columns.Add(new JsonObject { ["type"] = "Column", ["width"] = width, ["items"] = items });
        }
        var row = new JsonObject { ["type"] = "ColumnSet", ["columns"] = columns };
        if (separator)
        {
            row["separator"] = true;
        }
        return row;
    }

    private static IEnumerable<JsonArray> WorkloadCells(WorkloadDigest workload)
    {
        yield return
        [
            Text(DigestNumbers.Clip(workload.DisplayName, MaxIdLength), weight: "Bolder"),
            Text(
                DigestNumbers.Clip(DigestNumbers.VerdictLine(workload), MaxSentenceLength) + (workload.Warnings.Count > 0 ? " · ⚠" : ""),
                subtle: workload.State != Verdict.NoData && !workload.LatestVerdict.HasNightsWithoutData,
                color: workload.State == Verdict.NoData || workload.LatestVerdict.HasNightsWithoutData ? "Warning" : null,
                size: "Small",
                spacing: "None"),
        ];
        yield return [Text(DigestNumbers.Money(workload.ThisWeek.Savings), color: Color(workload.ThisWeek.Savings))];
        yield return [Text(DigestNumbers.DemandVsBreakEven(workload))];
        yield return [Text(DigestNumbers.Clip(workload.WhatWouldChange, MaxSentenceLength), size: "Small")];
    }

    private static JsonObject WorkloadNotes(WorkloadDigest workload)
    {
        var items = new JsonArray { Text(DigestNumbers.Clip(workload.DisplayName, MaxIdLength), weight: "Bolder", size: "Small") };
        foreach (var action in workload.Actions.Take(MaxActionsPerWorkload))
        {
            items.Add(Text("• " + DigestNumbers.Clip(DigestNumbers.ActionLine(action), MaxSentenceLength), size: "Small", spacing: "None"));
        }
        if (workload.Actions.Count > MaxActionsPerWorkload)
        {
            items.Add(Text($"• …and {Plural(workload.Actions.Count - MaxActionsPerWorkload, "more action")}.", size: "Small", subtle: true, spacing: "None"));
        }
        foreach (var warning in workload.Warnings)
        {
            items.Add(Text("⚠ " + DigestNumbers.Clip(warning.Message, MaxSentenceLength), size: "Small", color: "Warning", spacing: "None"));
        }
        return new JsonObject { ["type"] = "Container", ["separator"] = true, ["spacing"] = "Small", ["items"] = items };
    }

    private static JsonObject Text(
        string text,
        string? size = null,
        string? weight = null,
        string? color = null,
        string? spacing = null,
        string? style = null,
        bool subtle = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (size is not null)
        {
            block["size"] = size;
        }
        if (weight is not null)
        {
            block["weight"] = weight;
        }
        if (color is not null)
        {
            block["color"] = color;
        }
        if (spacing is not null)
        {
            block["spacing"] = spacing;
        }
        if (style is not null)
        {
            block["style"] = style;
        }
        if (subtle)
        {
            block["isSubtle"] = true;
        }
        return block;
    }

    private static string Color(decimal? savings) => DigestNumbers.ToneOf(savings) switch
    {
        DigestNumbers.Tone.Good => "Good",
        DigestNumbers.Tone.Bad => "Attention",
        _ => "Warning",
    };

    private static string Plural(int count, string noun) => $"{DigestNumbers.Count(count)} {noun}{(count == 1 ? "" : "s")}";
}
