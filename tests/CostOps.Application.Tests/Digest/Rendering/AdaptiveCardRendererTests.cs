using System.Text.Json.Nodes;
using CostOps.Application.Digest;
using CostOps.TestSupport.Digest;
using CostOps.Application.Digest.Rendering;
using Xunit.Abstractions;
using static CostOps.Application.Tests.Digest.DigestSamples;

namespace CostOps.Application.Tests.Digest.Rendering;

public sealed class AdaptiveCardRendererTests(ITestOutputHelper output)
{
    /// <summary>Teams refuses channel posts over about 28 KB.</summary>
    private const int TeamsLimitBytes = 28_000;

    private static readonly DigestRenderOptions Options = new(new Uri("https://costops.example.com/dashboard?tenant=contoso"));

    public static TheoryData<string> Cases => ["demo week", "empty week", "every warning", "500 workloads"];

    public static TheoryData<string> CasesWithWorkloads => ["demo week", "every warning", "500 workloads"];

    private static WeeklyDigest Digest(string name) => Build(name switch
    {
        "demo week" => DemoWeek(),
        "every warning" => EveryWarning(),
        "500 workloads" => ManyWorkloads(),
        _ => Rows([], [], [], []),
    });

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task TheOfficialRenderer_ParsesAndValidatesTheCard_WithoutAnyEvent_AndItFitsTeams(string name)
    {
        var json = new AdaptiveCardRenderer(Options).RenderJson(Digest(name));

        var check = await AdaptiveCardChecker.CheckAsync(json);

        var size = AdaptiveCardRenderer.Size(json);
        output.WriteLine($"{name}: {size} bytes");
        Assert.Equal("1.5", check.Version);
        Assert.Empty(check.ParseEvents);
        Assert.Empty(check.ValidationEvents);
        Assert.True(size < TeamsLimitBytes, $"{name}: {size} bytes");
    }

    [Theory]
    [MemberData(nameof(CasesWithWorkloads))]
    public async Task TheTablesFallback_IsAValidCardForTeamsMobile_WhichRendersSchema12(string name)
    {
        var card = JsonNode.Parse(new AdaptiveCardRenderer(Options).RenderJson(Digest(name)))!;
        var fallback = card["body"]!.AsArray().Single(e => (string?)e!["type"] == "Table")!["fallback"]!;
        var fallbackCard = new JsonObject { ["type"] = "AdaptiveCard", ["version"] = "1.2", ["body"] = new JsonArray(fallback.DeepClone()) };

        var check = await AdaptiveCardChecker.CheckAsync(fallbackCard.ToJsonString(), targetVersion: "1.2");

        Assert.Empty(check.ParseEvents);
        Assert.Empty(check.ValidationEvents);
    }

    [Fact]
    public async Task TheChecker_ReportsWhatTheRendererRejects_SoAnEmptyResultMeansSomething()
    {
        const string broken = """
            {"type":"AdaptiveCard","version":"1.5","body":[{"type":"Chart.Pie"},{"type":"TextBlock","text":"x","color":"Purple"}],
             "actions":[{"type":"Action.OpenUrl","title":"no url"}]}
            """;

        var check = await AdaptiveCardChecker.CheckAsync(broken);

        Assert.Equal(["UnknownElementType", "InvalidPropertyValue"], check.ParseEvents.Select(e => e.Event));
        Assert.Equal("PropertyCantBeNull", Assert.Single(check.ValidationEvents).Event);
    }

    [Fact]
    public async Task TheChecker_ReportsFeaturesNewerThanItsTarget_SoA15CardIsCheckedAgainst15()
    {
        const string heading = """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"x","style":"heading"}]}""";

        var asMobile = await AdaptiveCardChecker.CheckAsync(heading, targetVersion: "1.2");
        var asDesktop = await AdaptiveCardChecker.CheckAsync(heading);

        Assert.Equal("UnsupportedProperty", Assert.Single(asMobile.ParseEvents).Event);
        Assert.Empty(asDesktop.ParseEvents);
    }

    [Fact]
    public void TheCard_IsFullWidthSchema15_WithFactSetColumnSetTableAndDashboardAction()
    {
        var card = JsonNode.Parse(new AdaptiveCardRenderer(Options).RenderJson(Digest("demo week")))!.AsObject();
        var body = card["body"]!.AsArray();

        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Equal("Full", (string?)card["msteams"]!["width"]);
        Assert.Contains(body, e => (string?)e!["type"] == "FactSet");
        Assert.Contains(body, e => (string?)e!["type"] == "ColumnSet");
        var action = Assert.Single(card["actions"]!.AsArray())!;
        Assert.Equal(("Action.OpenUrl", "https://costops.example.com/dashboard?tenant=contoso"), ((string?)action["type"], (string?)action["url"]));
    }

    [Fact]
    public void TheWorkloadTable_HasAHeaderAndOneRowPerWorkload_AndFallsBackToColumnSets()
    {
        var card = JsonNode.Parse(new AdaptiveCardRenderer(Options).RenderJson(Digest("demo week")))!;

        var table = card["body"]!.AsArray().Single(e => (string?)e!["type"] == "Table")!;

        Assert.True((bool?)table["firstRowAsHeader"]);
        Assert.Equal(4, table["rows"]!.AsArray().Count);
        var fallback = table["fallback"]!;
        Assert.Equal("Container", (string?)fallback["type"]);
        Assert.All(fallback["items"]!.AsArray(), row => Assert.Equal("ColumnSet", (string?)row!["type"]));
        Assert.Equal(4, fallback["items"]!.AsArray().Count);
    }

    [Fact]
    public void TheCard_ShowsThePortfolioTotals_AsTheySumUp()
    {
        var digest = Digest("demo week");
        var json = new AdaptiveCardRenderer(Options).RenderJson(digest);

        Assert.Contains($"\"{DigestNumbers.Money(digest.ThisWeek.Savings)}\"", json, StringComparison.Ordinal);
        Assert.Contains($"\"{DigestNumbers.Money(digest.ThisWeek.SelfHostedCost)}\"", json, StringComparison.Ordinal);
        Assert.Contains($"\"{DigestNumbers.Money(digest.ThisWeek.ApiEquivalentCost)}\"", json, StringComparison.Ordinal);
        Assert.Contains($"\"{DigestNumbers.Count(digest.ThisWeek.Requests)}\"", json, StringComparison.Ordinal);
        Assert.Contains("Demand must rise 61% (to 410,000 requests/month) for self-hosting to break even.", json, StringComparison.Ordinal);
    }

    [Fact]
    public void FiveHundredWorkloads_AreSummarizedAsAndNMore_WithinTheBudget()
    {
        var json = new AdaptiveCardRenderer(Options).RenderJson(Digest("500 workloads"));

        var table = JsonNode.Parse(json)!["body"]!.AsArray().Single(e => (string?)e!["type"] == "Table")!;
        var shown = table["rows"]!.AsArray().Count - 1;
        Assert.InRange(shown, 10, Options.CardMaxWorkloads);
        Assert.Contains($"…and {500 - shown} more workloads", json, StringComparison.Ordinal);
        Assert.True(AdaptiveCardRenderer.Size(json) <= Options.CardMaxBytes);
    }

    [Fact]
    public void ATightByteBudget_ShowsFewerRows_RatherThanAnOversizedCard()
    {
        var tight = Options with { CardMaxBytes = 12_000, CardMaxWorkloads = 500 };

        var json = new AdaptiveCardRenderer(tight).RenderJson(Digest("500 workloads"));

        var table = JsonNode.Parse(json)!["body"]!.AsArray().Single(e => (string?)e!["type"] == "Table")!;
        var shown = table["rows"]!.AsArray().Count - 1;
        Assert.InRange(shown, 1, 499);
        Assert.Contains($"…and {500 - shown} more workloads", json, StringComparison.Ordinal);
        Assert.True(AdaptiveCardRenderer.Size(json) <= 12_000);
        var oneMoreRow = new AdaptiveCardRenderer(tight with { CardMaxBytes = int.MaxValue, CardMaxWorkloads = shown + 1 }).RenderJson(Digest("500 workloads"));
        Assert.True(AdaptiveCardRenderer.Size(oneMoreRow) > 12_000);
    }

    [Fact]
    public void ABudgetTooSmallForEvenTheSummary_IsAnError_NotATruncatedCard()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new AdaptiveCardRenderer(Options with { CardMaxBytes = 500 }).RenderJson(Digest("demo week")));

        Assert.Contains("2026-W47", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutADashboardUrl_TheCardHasNoActions()
    {
        var card = JsonNode.Parse(new AdaptiveCardRenderer(new DigestRenderOptions()).RenderJson(Digest("demo week")))!;

        Assert.Null(card["actions"]);
    }

    [Fact]
    public void AWorkloadNamedLikeMarkup_IsCarriedAsJsonText_NotAsMarkup()
    {
        var workload = DigestCatalog.Of(["w"]).Workloads[0] with { Id = "<script>alert(1)</script>", DisplayName = "<script>alert(1)</script>" };
        var rows = new DigestRows([workload], [Row("<script>alert(1)</script>", 6, 10, 1m, 2m, 100m, 1.2m)], [], []);

        var json = new AdaptiveCardRenderer(Options).RenderJson(Build(rows));

        Assert.DoesNotContain("<script>", json, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script>", JsonNode.Parse(json)!.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
    }

    [Fact]
    public void TheCard_HasFallbackText_AndNamesWorkloadsByTheirDisplayName()
    {
        var catalog = DigestCatalog.Of(["support-triage"], new Dictionary<string, string> { ["support-triage"] = "Support ticket triage" });
        var digest = Build(new DigestRows(catalog.Workloads, [Row("support-triage", 6, 10, 1m, 2m, 100m, 1.2m)], [], []));

        var card = JsonNode.Parse(new AdaptiveCardRenderer(Options).RenderJson(digest))!;

        Assert.Equal(DigestNumbers.Subject(digest), (string?)card["fallbackText"]);
        Assert.Contains("Support ticket triage", card.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"support-triage\"", card.ToJsonString(), StringComparison.Ordinal);
    }
}
