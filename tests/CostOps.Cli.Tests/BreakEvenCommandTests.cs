using System.Text.Json;
using CostOps.TestSupport;

namespace CostOps.Cli.Tests;

public sealed class BreakEvenCommandTests
{
    private static string Sample(string name) => RepositoryRoot.Combine("samples", "scenarios", name);

    /// <summary>Runs <c>breakeven</c> on <paramref name="json"/> written to a temporary scenario file.</summary>
    private static async Task<CliRun> RunScenarioAsync(string json, params string[] extraArgs)
    {
        var file = Path.Combine(Path.GetTempPath(), $"costops-scenario-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, json);
        try
        {
            return await CliRun.RunAsync(["breakeven", "--scenario", file, .. extraArgs]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("seed-gpt-5.4.json", 73_000.00)]
    [InlineData("seed-gpt-5.4-mini.json", 243_333.33)]
    [InlineData("seed-claude-opus-4.8.json", 41_714.29)]
    public async Task Json_ReproducesTheSeedTable(string sample, decimal breakEven)
    {
        var run = await CliRun.RunAsync("breakeven", "--scenario", Sample(sample), "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(breakEven, json.RootElement.GetProperty("breakEvenRequestsPerMonth").GetDecimal());
    }

    [Fact]
    public async Task Json_HasEveryDocumentedField_WithNullsWhereThereIsNone()
    {
        var run = await CliRun.RunAsync("breakeven", "--scenario", Sample("seed-gpt-5.4-mini.json"), "--format", "json");

        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        foreach (var field in new[]
        {
            "apiCostPerRequest", "apiMonthlyCost", "selfHostedMonthlyCost", "monthlySavings", "instancesNeeded", "capacityExceeded",
            "breakEvenRequestsPerMonth", "breakEvenTokensPerMonth", "utilizationAtBreakEven", "paybackMonths", "tco3Years",
        })
        {
            Assert.True(root.TryGetProperty(field, out _), $"missing {field}");
        }
        Assert.Equal(JsonValueKind.Null, root.GetProperty("paybackMonths").ValueKind);
        Assert.Equal(26_280m, root.GetProperty("tco3Years").GetProperty("selfHosted").GetDecimal());
    }

    [Fact]
    public async Task Table_SaysTheVerdictInWords()
    {
        var run = await CliRun.RunAsync("breakeven", "--scenario", Sample("seed-gpt-5.4.json"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("self-hosting breaks even at 73,000 requests/month; at 100,000 it saves $270.00/month", run.Out, StringComparison.Ordinal);
        Assert.Contains("Break-even (requests/month)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EverySample_Evaluates()
    {
        foreach (var file in Directory.GetFiles(RepositoryRoot.Combine("samples", "scenarios"), "*.json"))
        {
            var run = await CliRun.RunAsync("breakeven", "--scenario", file, "--format", "json");
            Assert.True(run.ExitCode == 0, $"{Path.GetFileName(file)}: {run.Error}");
        }
    }

    [Fact]
    public async Task MissingFile_ExitsNonZero_NamingTheFile()
    {
        var run = await CliRun.RunAsync("breakeven", "--scenario", "/nowhere/scenario.json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("/nowhere/scenario.json", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"traffic\": ", "is not valid JSON")]
    [InlineData("""{ "traffic": { "requestsPerMonth": 1, "inputTokensPerRequest": 1, "outputTokensPerRequest": 1, "bogus": 1 }, "api": { "inputPerMTok": 1, "outputPerMTok": 1 }, "selfHosted": { "gpuHourly": 1, "tokensPerSecondPerInstance": 1, "targetUtilization": 0.5 } }""", "traffic.bogus: unknown field")]
    [InlineData("""{ "traffic": { "requestsPerMonth": -1, "inputTokensPerRequest": 1, "outputTokensPerRequest": 1 }, "api": { "inputPerMTok": 1, "outputPerMTok": 1 }, "selfHosted": { "gpuHourly": 1, "tokensPerSecondPerInstance": 1, "targetUtilization": 0.5 } }""", "traffic.requestsPerMonth: must be zero or more")]
    [InlineData("""{ "traffic": { "requestsPerMonth": 1e999, "inputTokensPerRequest": 1, "outputTokensPerRequest": 1 }, "api": { "inputPerMTok": 1, "outputPerMTok": 1 }, "selfHosted": { "gpuHourly": 1, "tokensPerSecondPerInstance": 1, "targetUtilization": 0.5 } }""", "traffic.requestsPerMonth: must be a finite number")]
    [InlineData("""{ "traffic": { "requestsPerMonth": 1, "inputTokensPerRequest": 1, "outputTokensPerRequest": 1 }, "api": { "inputPerMTok": 1, "outputPerMTok": 1 }, "selfHosted": { "gpuHourly": 1, "tokensPerSecondPerInstance": 1, "targetUtilization": 1.5 } }""", "selfHosted.targetUtilization: must be greater than 0 and at most 1")]
    [InlineData("""{ "traffic": { "requestsPerMonth": 1, "inputTokensPerRequest": 1, "outputTokensPerRequest": 1 }, "api": { "inputPerMTok": 1, "outputPerMTok": 1 }, "selfHosted": { "gpuHourly": 1, "tokensPerSecondPerInstance": 1, "targetUtilization": 0.5, "instances": { "min": 4, "max": 2 } } }""", "selfHosted.instances.max: must be from min (4) to 10000 (was 2)")]
    public async Task BadScenario_ExitsNonZero_NamingTheField(string json, string expected)
    {
        var run = await RunScenarioAsync(json, "--format", "json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_SaysWholeRequests_AndTheGrowthBesideThe36MonthFigures()
    {
        var run = await CliRun.RunAsync("breakeven", "--scenario", Sample("seed-gpt-5.4-mini.json"));

        Assert.Contains("self-hosting breaks even at 243,334 requests/month", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("243,333.33", run.Out, StringComparison.Ordinal);
        Assert.Contains("36-month TCO, self-hosted (flat demand)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AScenarioCheaperAtZeroRequests_SaysAnyVolume_NotZero()
    {
        // The API's fixed fee alone is dearer than the GPU: self-hosting wins from the first request.
        var run = await RunScenarioAsync("""{ "traffic": { "requestsPerMonth": 1000, "inputTokensPerRequest": 100, "outputTokensPerRequest": 100, "growthPerMonth": 0.05 }, "api": { "inputPerMTok": 1, "outputPerMTok": 1, "fixedMonthly": 5000 }, "selfHosted": { "gpuHourly": 1, "tokensPerSecondPerInstance": 1000, "targetUtilization": 0.5 } }""");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("self-hosting is cheaper at any volume", run.Out, StringComparison.Ordinal);
        Assert.Contains("36-month TCO, API (+5%/month growth)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StructureAndRuleProblems_AreReportedInOnePass()
    {
        var run = await RunScenarioAsync("""{ "traffic": { "requestsPerMonth": -1, "inputTokensPerRequest": 1, "outputTokensPerRequest": 1, "bogus": 1 }, "api": { "inputPerMTok": 1, "outputPerMTok": 1 }, "selfHosted": { "gpuHourly": 1, "targetUtilization": 1.5 } }""");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("traffic.bogus: unknown field", run.Error, StringComparison.Ordinal);
        Assert.Contains("traffic.requestsPerMonth: must be zero or more", run.Error, StringComparison.Ordinal);
        Assert.Contains("selfHosted.tokensPerSecondPerInstance: is required", run.Error, StringComparison.Ordinal);
        Assert.Contains("selfHosted.targetUtilization: must be greater than 0 and at most 1 (was 1.5)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownFormat_IsRejected()
    {
        var run = await CliRun.RunAsync("breakeven", "--scenario", Sample("seed-gpt-5.4.json"), "--format", "xml");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("xml", run.Error, StringComparison.Ordinal);
    }
}
