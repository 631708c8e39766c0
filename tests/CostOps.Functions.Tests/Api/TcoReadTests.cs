using System.Globalization;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace CostOps.Functions.Tests.Api;

/// <summary><c>GET /api/tco/{workloadId}</c> through the worker, over rows seeded into the DailyTco table.</summary>
[Collection(ApiWorkerFixture.CollectionName)]
public sealed class TcoReadTests(ApiWorkerFixture api, ITestOutputHelper output) : IDisposable
{
    public void Dispose() => api.App.FlushLogTo(output);

    [Fact]
    public async Task Read_ReturnsTheStoredRowsOldestFirst_WithTheDocumentedShape()
    {
        using var response = await api.Client.GetAsync("/api/tco/triage?from=2026-03-01&to=2026-03-10");
        var answer = await ApiAssert.OkJsonAsync(response);

        Assert.Equal("triage", answer.GetProperty("workloadId").GetString());
        Assert.Equal("2026-03-01", answer.GetProperty("from").GetString());
        Assert.Equal("2026-03-10", answer.GetProperty("to").GetString());
        var rows = answer.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(ApiCatalog.MarchDays.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), rows.Select(r => r.GetProperty("day").GetString()));
        var first = rows[0];
        Assert.Equal(24m, first.GetProperty("gpuHours").GetDecimal());
        Assert.Equal(156m, first.GetProperty("gpuCostUsd").GetDecimal());
        Assert.Equal("estimated", first.GetProperty("costBasis").GetString());
        Assert.Equal(326m, first.GetProperty("selfHostedCostUsd").GetDecimal());
        Assert.Equal(10_000m, first.GetProperty("requests").GetDecimal());
        Assert.Equal(400m, first.GetProperty("apiEquivalentCostUsd").GetDecimal());
        Assert.Equal(74m, first.GetProperty("savingsUsd").GetDecimal());
        Assert.Equal(250_000m, first.GetProperty("breakEvenRequestsPerMonth").GetDecimal());
        Assert.Equal(1.3383m, first.GetProperty("demandRatio").GetDecimal());
        Assert.Equal(0.9m, first.GetProperty("completeness").GetDecimal());
        Assert.Equal("price-book", first.GetProperty("priceSource").GetString());
        Assert.Equal(JsonValueKind.Number, first.GetProperty("calcVersion").ValueKind);
        // The day without a GPU cost: its unknowns are nulls and its basis says so.
        var unknown = rows.Single(r => r.GetProperty("day").GetString() == "2026-03-04");
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("gpuCostUsd").ValueKind);
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("selfHostedCostUsd").ValueKind);
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("savingsUsd").ValueKind);
        Assert.Equal("unknown", unknown.GetProperty("costBasis").GetString());
    }

    [Fact]
    public async Task Read_SummarizesTheRange_TotalsLatestCompletenessAndMissingDays()
    {
        using var response = await api.Client.GetAsync("/api/tco/triage?from=2026-03-01&to=2026-03-10");
        var summary = (await ApiAssert.OkJsonAsync(response)).GetProperty("summary");

        Assert.Equal(10, summary.GetProperty("days").GetInt32());
        Assert.Equal(9, summary.GetProperty("daysWithRows").GetInt32());
        Assert.Equal(["2026-03-05"], summary.GetProperty("daysMissing").EnumerateArray().Select(d => d.GetString()));
        var totals = summary.GetProperty("totals");
        Assert.Equal(90_000m, totals.GetProperty("requests").GetDecimal());
        Assert.Equal(9_000m, totals.GetProperty("apiRequests").GetDecimal());
        Assert.Equal(8 * 326m, totals.GetProperty("selfHostedCostUsd").GetDecimal());
        Assert.Equal(9 * 400m, totals.GetProperty("apiEquivalentCostUsd").GetDecimal());
        Assert.Equal(8 * 74m, totals.GetProperty("savingsUsd").GetDecimal());
        Assert.Equal(8, totals.GetProperty("daysWithSavings").GetInt32());
        var latest = summary.GetProperty("latest");
        Assert.Equal("2026-03-10", latest.GetProperty("day").GetString());
        Assert.Equal(0.8m, latest.GetProperty("demandRatio").GetDecimal());
        Assert.Equal(250_000m, latest.GetProperty("breakEvenRequestsPerMonth").GetDecimal());
        Assert.Equal("below-break-even", latest.GetProperty("verdict").GetString());
        Assert.Equal(0.5m, summary.GetProperty("completeness").GetProperty("min").GetDecimal());
        Assert.Equal(Math.Round(((8 * 0.9m) + 0.5m) / 9m, 4), summary.GetProperty("completeness").GetProperty("average").GetDecimal());
    }

    [Fact]
    public async Task Read_WithoutDates_CoversTheThirtyDaysEndingYesterday()
    {
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        using var response = await api.Client.GetAsync("/api/tco/bulk-07");
        var answer = await ApiAssert.OkJsonAsync(response);

        var to = DateOnly.Parse(answer.GetProperty("to").GetString()!, CultureInfo.InvariantCulture);
        Assert.Contains(to, new[] { yesterday, yesterday.AddDays(1) });
        Assert.Equal(to.AddDays(-29).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), answer.GetProperty("from").GetString());
        Assert.Empty(answer.GetProperty("rows").EnumerateArray());
        var summary = answer.GetProperty("summary");
        Assert.Equal(30, summary.GetProperty("daysMissing").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("latest").ValueKind);
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("completeness").ValueKind);
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("totals").GetProperty("savingsUsd").ValueKind);
    }

    [Fact]
    public async Task Read_OfAnUnknownWorkload_Is404_NamingIt()
    {
        using var response = await api.Client.GetAsync("/api/tco/no-such-workload?from=2026-03-01&to=2026-03-02");

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound, "workloadId");
        Assert.Contains("no-such-workload", ApiAssert.ErrorMessage(problem, "workloadId"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=2026-13-01&to=2026-03-02", "from")]
    [InlineData("from=2026-03-01&to=03/02/2026", "to")]
    [InlineData("from=2026-03-10&to=2026-03-01", "from")]
    [InlineData("from=2025-01-01&to=2026-03-01", "to")]
    public async Task Read_WithBadQueryValues_Is400_NamingTheParameter(string query, string field)
    {
        using var response = await api.Client.GetAsync($"/api/tco/triage?{query}");

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Read_IgnoresTheFunctionKeyTheHostForwardsInTheQuery()
    {
        using var response = await api.Client.GetAsync("/api/tco/triage?from=2026-03-01&to=2026-03-01&code=secret-function-key");

        var answer = await ApiAssert.OkJsonAsync(response);
        Assert.Single(answer.GetProperty("rows").EnumerateArray());
    }
}
