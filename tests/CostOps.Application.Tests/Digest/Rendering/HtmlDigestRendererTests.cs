using System.Text.RegularExpressions;
using CostOps.Application.Digest;
using CostOps.Application.Jobs;
using CostOps.Application.Results;
using CostOps.TestSupport.Digest;
using CostOps.Application.Digest.Rendering;
using static CostOps.Application.Tests.Digest.DigestSamples;

namespace CostOps.Application.Tests.Digest.Rendering;

public sealed partial class HtmlDigestRendererTests
{
    private static readonly DigestRenderOptions Options = new(new Uri("https://costops.example.com/dashboard?tenant=contoso&view=week"));

    [Fact]
    public void AWorkloadNamedScript_IsEscaped_NeverEmittedAsMarkup()
    {
        // Ids and display names are validated by the catalog reader; the renderer must not rely on it.
        const string Evil = "<script>alert('x')</script>";
        var workload = DigestCatalog.Of(["w"]).Workloads[0] with { Id = Evil, DisplayName = Evil };
        var rows = new DigestRows(
            [workload],
            [Row(Evil, 6, 10, 1m, 2m, 100m, 1.2m)],
            [Decision(Evil, 2, "pause", "dry-run", "reason with <b>tags</b> & \"quotes\"", DecisionOutcomeStatus.DryRun)],
            [Run("<img src=x onerror=alert(1)>", At(1), JobStatus.Failed, "</li><script>evil()</script>")]);

        var html = new HtmlDigestRenderer(Options).Render(Build(rows));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;tags&lt;/b&gt; &amp; &quot;quotes&quot;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDocument_IsSelfContained_WithInlineCssAndNoScriptsOrExternalResources()
    {
        var html = new HtmlDigestRenderer(Options).Render(Build(DemoWeek()));

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<meta charset=\"utf-8\">", html, StringComparison.Ordinal);
        Assert.Contains("style=\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["https://costops.example.com/dashboard?tenant=contoso&amp;view=week"], Hrefs().Matches(html).Select(m => m.Groups[1].Value));
    }

    [Fact]
    public void EveryWorkload_IsListed_WithItsTotalsAndVerdictSentence()
    {
        var digest = Build(ManyWorkloads());

        var html = new HtmlDigestRenderer(Options).Render(digest);

        Assert.All(digest.Workloads, w =>
        {
            Assert.Contains($">{w.DisplayName}</h3>", html, StringComparison.Ordinal);
            Assert.Contains($">{DigestNumbers.Money(w.ThisWeek.SelfHostedCost)}</td>", html, StringComparison.Ordinal);
        });
        Assert.Contains(DigestNumbers.Money(digest.ThisWeek.Savings), html, StringComparison.Ordinal);
    }

    [Fact]
    public void WarningsAndActions_AppearUnderTheirWorkload()
    {
        var html = new HtmlDigestRenderer(Options).Render(Build(EveryWarning()));

        Assert.Contains("Telemetry was incomplete on 1 day (lowest 62%)", html, StringComparison.Ordinal);
        Assert.Contains("Resume (enforce): failed", html, StringComparison.Ordinal);
        Assert.Contains("NightlyTco run of 2026-11-18 01:00 UTC failed", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTextVersion_CarriesTheSameFiguresAndSentences()
    {
        var digest = Build(DemoWeek());

        var text = new TextDigestRenderer(Options).Render(digest);

        Assert.Contains($"Savings vs API:       {DigestNumbers.Money(digest.ThisWeek.Savings)}", text, StringComparison.Ordinal);
        Assert.Contains("Demand can fall 36% (to 86,000 requests/month) before self-hosting stops paying.", text, StringComparison.Ordinal);
        Assert.Contains("GPU cost is an estimate (hours × list rate) on 1 of 7 days with data.", text, StringComparison.Ordinal);
        Assert.Contains("Dashboard: https://costops.example.com/dashboard?tenant=contoso&view=week", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AWeekWithoutData_IsAnAmberWarning_WithUnknownFigures_NeverAGreenZero_InEveryForm()
    {
        var digest = Build(Rows(["support-triage", "code-review-bot"], [], [], []));

        var html = new HtmlDigestRenderer(Options).Render(digest);
        var text = new TextDigestRenderer(Options).Render(digest);
        var card = new AdaptiveCardRenderer(Options).RenderJson(digest);

        foreach (var rendered in new[] { html, text, card })
        {
            Assert.Contains("No data for any of the 2 workloads this week", rendered, StringComparison.Ordinal);
            Assert.Contains("support-triage", rendered, StringComparison.Ordinal);
            Assert.Contains("code-review-bot", rendered, StringComparison.Ordinal);
            Assert.DoesNotContain("$0.00", rendered, StringComparison.Ordinal);
        }
        Assert.Contains("color:#8a5300\">unknown</div>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("color:#0e700e", html, StringComparison.Ordinal);
        Assert.Contains("Savings vs API:       unknown", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Good\"", card, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDocument_ReadsAtPhoneWidth_OneColumnNoWiderThanTheScreen()
    {
        var html = new HtmlDigestRenderer(Options).Render(Build(ManyWorkloads(20)));

        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html, StringComparison.Ordinal);
        Assert.Contains($"max-width:{HtmlDigestRenderer.MaxWidthPx}px;width:100%;box-sizing:border-box", html, StringComparison.Ordinal);
        Assert.True(HtmlDigestRenderer.MaxWidthPx <= 680);
        // No fixed width wider than a 420 px phone, and no multi-column table (a row has at most a label and a value).
        Assert.All(FixedWidths().Matches(html).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)), width => Assert.True(width <= 420 || width == HtmlDigestRenderer.MaxWidthPx, $"width {width}px"));
        Assert.All(TableRows().Matches(html).Select(m => CellCount().Count(m.Value)), cells => Assert.True(cells <= 2, $"{cells} cells in a row"));
    }

    [Fact]
    public void TheSubject_NamesTheWeekTheSavingsAndTheWarnings()
    {
        Assert.Equal("CostOps weekly digest · 2026-W47: self-hosting saved $164.36 vs the API", new DigestRenderer(Options).Render(Build(DemoWeek())).Subject);
        Assert.Equal("CostOps weekly digest · 2026-W47: self-hosting cost $1,380.00 more than the API, 10 warnings", new DigestRenderer(Options).Render(Build(EveryWarning())).Subject);
    }

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex Hrefs();

    [GeneratedRegex(@"(?<![-\w])(?:min-|max-)?width:(\d+)px")]
    private static partial Regex FixedWidths();

    [GeneratedRegex("<tr>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex TableRows();

    [GeneratedRegex("<t[dh][ >]")]
    private static partial Regex CellCount();
}
