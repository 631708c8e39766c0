using CostOps.Application.Telemetry;
using CostOps.Domain.Time;
using CostOps.Infrastructure.AzureMonitor;
using CostOps.Infrastructure.Files;
using CostOps.Infrastructure.LlmProviders.OpenAI;
using CostOps.Infrastructure.Prometheus;

namespace CostOps.Infrastructure.Tests.Telemetry.Files;

/// <summary>Exported files in the live formats go through the same parsers and fact builders as the live adapters.</summary>
public sealed class FileSourceTests
{
    private const string Subscription = "11111111-2222-3333-4444-555555555555";
    private static readonly DateOnly Day = new(2025, 1, 1);
    private static readonly string GpuVm = $"/subscriptions/{Subscription}/resourceGroups/gpu-rg/providers/Microsoft.Compute/virtualMachines/gpu-vm-01";
    private static readonly string T4Vm = $"/subscriptions/{Subscription}/resourceGroups/gpu-rg/providers/Microsoft.Compute/virtualMachines/t4-vm-02";

    private readonly TelemetryHarness _harness = new();

    public static TheoryData<string, string, int, string, ResourceCostBasis, string, string?> FocusRows() => new()
    {
        // file, resource, day offset, cost, basis, currency, cost in USD
        { "focus/microsoft-focus-1.0.csv", GpuVm, 0, "140.16", ResourceCostBasis.Amortized, "USD", "140.16" },
        { "focus/microsoft-focus-1.0.csv", GpuVm, 1, "140.16", ResourceCostBasis.Amortized, "USD", "140.16" },
        { "focus/microsoft-focus-1.0.csv", T4Vm, 0, "12.624", ResourceCostBasis.Amortized, "USD", "12.624" },
        { "focus/billed-only-semicolon-eur.csv", GpuVm, 0, "154.50", ResourceCostBasis.Billed, "EUR", null },
    };

    [Theory]
    [MemberData(nameof(FocusRows))]
    public async Task FocusExports_AreReadByHeaderName(string file, string resourceId, int dayOffset, string cost, ResourceCostBasis basis, string currency, string? costUsd)
    {
        var source = new FocusCostFileSource("focus", Fixture.PathOf($"Files/{file}"), _harness.Logger);

        var result = await source.GetDailyCostsAsync(new ResourceCostQuery(new DayRange(Day, Day.AddDays(1)), [resourceId]));

        var fact = Assert.Single(result.Facts, f => f.Day == Day.AddDays(dayOffset));
        Assert.Equal(Dec(cost), fact.Cost);
        Assert.Equal(basis, fact.Basis);
        Assert.Equal(currency, fact.Currency);
        Assert.Equal(costUsd is null ? null : Dec(costUsd), fact.CostUsd);
        Assert.True(fact.Completeness.IsComplete);
    }

    [Fact]
    public async Task WithoutAskedResources_EveryResourceWithACostIsReported_AndRowsWithoutAResourceAreSkipped()
    {
        var source = new FocusCostFileSource("focus", Fixture.PathOf("Files/focus/microsoft-focus-1.0.csv"), _harness.Logger);

        var result = await source.GetDailyCostsAsync(new ResourceCostQuery(DayRange.OneDay(Day), []));

        Assert.Equal(3, result.Facts.Count);
        Assert.Contains(result.Facts, f => f.ResourceId.EndsWith("/disks/gpu-vm-01-os", StringComparison.Ordinal) && f.Cost == 0.96m);
    }

    [Fact]
    public async Task TheFinOpsFoundationSample_WhoseNullsAreTheTextNull_HasNoResourceNamedNull()
    {
        var source = new FocusCostFileSource("focus", Fixture.PathOf("Files/focus-sample-data/focus-1.0-sample-nulls.csv"), _harness.Logger);

        var result = await source.GetDailyCostsAsync(new ResourceCostQuery(DayRange.OneDay(new DateOnly(2024, 9, 18)), []));

        Assert.Empty(result.Issues);
        Assert.Equal(
        [
            "arn:ats:mogs:us-test-2:365499461711:mog-group:/reservations/9907a113-l083-45la-a8b6-9a7eb4027600",
            "arn:ats:sqs:us-test-2:347410479675:mibelllmel-i-032l64f2065481b12",
        ], result.Facts.Select(f => f.ResourceId).Order(StringComparer.Ordinal));
        Assert.All(result.Facts, f => Assert.Equal("USD", f.Currency));
    }

    [Fact]
    public async Task NullTextInTheCurrencyAndUsdCostColumns_IsAbsent_NotAValue()
    {
        var file = Path.Combine(Path.GetTempPath(), $"focus-null-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, $"""
            ChargePeriodStart,ResourceId,EffectiveCost,BillingCurrency,x_EffectiveCostInUsd
            2025-01-01 00:00:00,{GpuVm},12.5,NULL,NULL
            2025-01-01 00:00:00,NULL,3,USD,3
            """);
        try
        {
            var source = new FocusCostFileSource("focus", file, _harness.Logger);

            var result = await source.GetDailyCostsAsync(new ResourceCostQuery(DayRange.OneDay(Day), []));

            var fact = Assert.Single(result.Facts);
            Assert.Equal(GpuVm, fact.ResourceId);
            Assert.Equal(12.5m, fact.Cost);
            Assert.Null(fact.Currency);
            Assert.Null(fact.CostUsd);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task AFocusFolderMixingAmortizedAndBilledExports_IsRefused()
    {
        var source = new FocusCostFileSource("focus", Fixture.PathOf("Files/focus"), _harness.Logger);

        var error = await Assert.ThrowsAsync<TelemetrySourceException>(() => source.GetDailyCostsAsync(new ResourceCostQuery(DayRange.OneDay(Day), [])));

        Assert.Contains("mixes amortized (EffectiveCost) and billed-only files", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFocusExport_WithoutADay_ReportsItMissing()
    {
        var source = new FocusCostFileSource("focus", Fixture.PathOf("Files/focus/billed-only-semicolon-eur.csv"), _harness.Logger);

        var result = await source.GetDailyCostsAsync(new ResourceCostQuery(new DayRange(Day, Day.AddDays(1)), [GpuVm]));

        var second = Assert.Single(result.Facts, f => f.Day == Day.AddDays(1));
        Assert.Null(second.Cost);
        Assert.Equal(Completeness.Missing(1), second.Completeness);
    }

    [Theory]
    [InlineData("focus-broken/no-resource-id.csv", "no ResourceId column")]
    [InlineData("focus-broken/bad-cost.csv", "row 1: 'twelve' is not a number")]
    [InlineData("focus-broken/ragged.csv", "not readable as CSV")]
    [InlineData("focus-broken/absent.csv", "no such file or folder")]
    public async Task BrokenFocusExports_FailNamingTheSourceAndTheFile(string file, string expected)
    {
        var source = new FocusCostFileSource("focus", Fixture.PathOf($"Files/{file}"), _harness.Logger);

        var error = await Assert.ThrowsAsync<TelemetrySourceException>(() => source.GetDailyCostsAsync(new ResourceCostQuery(DayRange.OneDay(Day), [GpuVm])));

        Assert.Equal("focus", error.SourceName);
        Assert.StartsWith("Source 'focus' (FOCUS cost export", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAiUsagePages_ReadFromAFolder_GiveTheSameFactsAsTheApi()
    {
        var source = new OpenAiUsageSource("openai-export", new OpenAiUsageFileReader("openai-export", Fixture.PathOf("Files/openai-usage")), _harness.Logger);

        var result = await source.GetDailyUsageAsync(ApiTelemetryQuery.For(new DayRange(Day, Day.AddDays(3))));

        var abc = result.Facts.Where(f => f.Selector.Scope == "proj_abc123").ToList();
        Assert.Equal([1_250_000L, 1_000L, 0L, null], abc.Select(f => f.InputTokens));
        Assert.Equal([true, true, true, false], abc.Select(f => f.Completeness.IsComplete));
        Assert.Equal(500, Assert.Single(result.Facts, f => f.Selector.Scope == "proj_xyz789" && f.Day == Day.AddDays(1)).InputTokens);
    }

    [Fact]
    public async Task AnOpenAiExportGroupedByApiKeyBatchAndTier_SumsEveryRowPerProjectAndModel_AndOverlappingPagesCountOnce()
    {
        var source = new OpenAiUsageSource("openai-export", new OpenAiUsageFileReader("openai-export", Fixture.PathOf("Files/openai-usage-grouped")), _harness.Logger);

        var result = await source.GetDailyUsageAsync(ApiTelemetryQuery.For(new DayRange(Day, Day.AddDays(1))));

        var gpt4o = result.Facts.Where(f => f.Selector.Model == "gpt-4o-2024-08-06").ToList();
        Assert.Equal([1_000_000L + 200_000 + 50_000, 900 + 100], gpt4o.Select(f => f.InputTokens));
        Assert.Equal([250_000L + 50_000 + 10_000, 100 + 20], gpt4o.Select(f => f.OutputTokens));
        Assert.Equal([300_000L + 0 + 100_000, 0], gpt4o.Select(f => f.CachedInputTokens));
        Assert.Equal([4_000L + 1_000 + 120, 3 + 1], gpt4o.Select(f => f.Requests));
        Assert.Equal(7_000, Assert.Single(result.Facts, f => f.Selector.Model == "gpt-4o-mini-2024-07-18" && f.Day == Day).InputTokens);
    }

    [Fact]
    public async Task PrometheusRangeExports_GiveVllmUsage_ForTheSelectedSeriesOnly()
    {
        var reader = new PrometheusRangeFileReader("prom-export", Fixture.PathOf("Files/prometheus"), _harness.Logger);
        var source = new VllmUsageSource("prom-export", reader, TimeSpan.FromHours(1), _harness.Logger);

        var fact = Assert.Single((await source.GetDailyUsageAsync(new SelfHostedQuery(DayRange.OneDay(Day), "model_name=\"llama-ft\""))).Facts);

        Assert.Equal(9_000 + 500 + 7_000 + 2_400, fact.InputTokens);
        Assert.Equal(1_200, fact.OutputTokens);
        Assert.Equal(72, fact.Requests);
        Assert.True(fact.Completeness.IsComplete);
    }

    [Theory]
    // Every sample weighs the same: 24 hours at 90 % and 12 at 60 % average 80 %.
    [InlineData("", 80.0, 2, 24)]
    [InlineData("gpu=\"0\"", 90.0, 1, 24)]
    [InlineData("gpu!=\"0\",Hostname=\"gpu-vm-01\"", 60.0, 1, 12)]
    [InlineData("gpu=\"7\"", null, null, 0)]
    public async Task PrometheusRangeExports_GiveGpuUtilization_ByLabelMatchers(string selector, double? average, int? gpus, int arrived)
    {
        var reader = new PrometheusRangeFileReader("prom-export", Fixture.PathOf("Files/prometheus"), _harness.Logger);
        var source = new DcgmUtilizationSource("prom-export", reader, TimeSpan.FromHours(1), _harness.Logger);

        var fact = Assert.Single((await source.GetDailyUtilizationAsync(new SelfHostedQuery(DayRange.OneDay(Day), selector))).Facts);

        Assert.Equal(average, fact.AverageUtilizationPercent);
        Assert.Equal(gpus, fact.GpuCount);
        Assert.Equal(new Completeness(24, arrived), fact.Completeness);
    }

    [Fact]
    public async Task PrometheusRangeExports_RefuseRegexMatchers()
    {
        var reader = new PrometheusRangeFileReader("prom-export", Fixture.PathOf("Files/prometheus"), _harness.Logger);
        var source = new DcgmUtilizationSource("prom-export", reader, TimeSpan.FromHours(1), _harness.Logger);

        var error = await Assert.ThrowsAsync<TelemetrySourceException>(() => source.GetDailyUtilizationAsync(new SelfHostedQuery(DayRange.OneDay(Day), "Hostname=~\"gpu-.*\"")));

        Assert.Contains("only = and != label matchers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AzureMonitorExports_GiveDailyMetrics_AndTokenUsage()
    {
        var reader = new AzureMonitorMetricsFileReader("monitor-export", Fixture.PathOf("Files/azure-monitor"));
        var vm = $"/subscriptions/{Subscription}/resourceGroups/gpu-rg/providers/Microsoft.Compute/virtualMachines/gpu-vm-01";
        var foundry = $"/subscriptions/{Subscription}/resourceGroups/ai-rg/providers/Microsoft.CognitiveServices/accounts/my-foundry";

        var cpu = await new AzureMonitorMetricsSource("monitor-export", reader, null, [], _harness.Logger).GetDailyMetricsAsync(
            new ResourceMetricsQuery(DayRange.OneDay(Day), [vm], "Microsoft.Compute/virtualMachines", ["Percentage CPU"], ["maximum"]));
        var tokens = await new AzureOpenAiUsageSource("monitor-export", reader, null, [], TokenMetricSet.Foundry, _harness.Logger).GetDailyUsageAsync(
            new ApiTelemetryQuery(DayRange.OneDay(Day), [foundry, vm.Replace("gpu-vm-01", "missing", StringComparison.Ordinal)]));

        Assert.Equal(9.41, Assert.Single(cpu.Facts).Maximum);
        Assert.Equal(182_934, Assert.Single(tokens.Facts, f => f.Selector.Scope == foundry).InputTokens);
        Assert.Contains(tokens.Issues, i => i.Message.Contains("no exported metrics", StringComparison.Ordinal));
    }

    private static decimal Dec(string value) => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}
