using System.Text.RegularExpressions;
using CostOps.Application.Digest.Inputs;
using CostOps.Application.Digest.Rendering;
using static CostOps.Application.Tests.Digest.DigestSamples;

namespace CostOps.Application.Tests.Digest.Rendering;

public sealed partial class HtmlDigestRendererTests
{
    private static readonly DigestRenderOptions Options = new(new Uri("https://costops.example.com/dashboard?tenant=contoso&view=week"));

    [Fact]
    public void AWorkloadNamedScript_IsEscaped_NeverEmittedAsMarkup()
    {
        var rows = new DigestRows(
            [Row("<script>alert('x')</script>", 6, 10, 1m, 2m, 100m, 1.2m)],
            [new("<script>alert('x')</script>", At(2), DecisionAction.Pause, DecisionMode.DryRun, "reason with <b>tags</b> & \"quotes\"", DecisionOutcome.Planned)],
            [new("<img src=x onerror=alert(1)>", At(1), RunStatus.Failed, "</li><script>evil()</script>")]);

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
            Assert.Contains($">{w.WorkloadId}</td>", html, StringComparison.Ordinal);
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
        Assert.Contains("GPU cost is an estimate (hours × list rate) on 1 of 7 days.", text, StringComparison.Ordinal);
        Assert.Contains("Dashboard: https://costops.example.com/dashboard?tenant=contoso&view=week", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyWeek_SaysSo_InEveryForm()
    {
        var digest = Build(DigestRows.Empty);

        Assert.Contains("No workload had data or decisions", new HtmlDigestRenderer(Options).Render(digest), StringComparison.Ordinal);
        Assert.Contains("No workload had data or decisions", new TextDigestRenderer(Options).Render(digest), StringComparison.Ordinal);
    }

    [Fact]
    public void TheSubject_NamesTheWeekTheSavingsAndTheWarnings()
    {
        Assert.Equal("CostOps weekly digest · 2026-W47: self-hosting saved $164.36 vs the API", new DigestRenderer(Options).Render(Build(DemoWeek())).Subject);
        Assert.Equal("CostOps weekly digest · 2026-W47: self-hosting cost $1,410.00 more than the API, 9 warnings", new DigestRenderer(Options).Render(Build(EveryWarning())).Subject);
    }

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex Hrefs();
}
