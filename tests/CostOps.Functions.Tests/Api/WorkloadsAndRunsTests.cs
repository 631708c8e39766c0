using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace CostOps.Functions.Tests.Api;

/// <summary><c>GET /api/workloads</c>, <c>GET /api/runs</c> and <c>GET /api/health</c> through the worker.</summary>
[Collection(ApiWorkerFixture.CollectionName)]
public sealed class WorkloadsAndRunsTests(ApiWorkerFixture api, ITestOutputHelper output) : IDisposable
{
    public void Dispose() => api.App.FlushLogTo(output);

    [Fact]
    public async Task Workloads_ListTheCatalogInOrder_WithEachLatestStatus()
    {
        using var response = await api.Client.GetAsync("/api/workloads");
        var answer = await ApiAssert.OkJsonAsync(response);

        Assert.Equal(ApiCatalog.Count, answer.GetProperty("count").GetInt32());
        var workloads = answer.GetProperty("workloads").EnumerateArray().ToList();
        Assert.Equal(["triage", "summaries", "quiet", ApiCatalog.Bulk(1)], workloads.Take(4).Select(w => w.GetProperty("id").GetString()));
        var triage = workloads[0];
        Assert.Equal("Support triage", triage.GetProperty("displayName").GetString());
        Assert.Equal("Standard_NC40ads_H100_v5", triage.GetProperty("gpuSku").GetString());
        Assert.Equal(2, triage.GetProperty("maxInstances").GetInt32());
        Assert.Equal("dry-run", triage.GetProperty("autopilotMode").GetString());
        // The row seeded two days ago is the latest: demand 1.5x break-even.
        Assert.Equal("above-break-even", triage.GetProperty("verdict").GetString());
        var latest = triage.GetProperty("latest");
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), latest.GetProperty("day").GetString());
        Assert.Equal(1.5m, latest.GetProperty("demandRatio").GetDecimal());
        Assert.Equal(74m, latest.GetProperty("savingsUsd").GetDecimal());
        Assert.Equal(0.9m, latest.GetProperty("completeness").GetDecimal());
        var bulk = workloads.Single(w => w.GetProperty("id").GetString() == ApiCatalog.Bulk(48));
        Assert.Equal("no-data", bulk.GetProperty("verdict").GetString());
        Assert.Equal(JsonValueKind.Null, bulk.GetProperty("latest").ValueKind);
    }

    [Fact]
    public async Task Runs_ListTheNewestRunsOfAJobFirst()
    {
        using var response = await api.Client.GetAsync("/api/runs?job=NightlyTco&top=2");
        var answer = await ApiAssert.OkJsonAsync(response);

        Assert.Equal("NightlyTco", answer.GetProperty("job").GetString());
        Assert.Equal(2, answer.GetProperty("top").GetInt32());
        var runs = answer.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(["20260303T013000Z-aaaa0003", "20260302T013000Z-aaaa0002"], runs.Select(r => r.GetProperty("runId").GetString()));
        var newest = runs[0];
        Assert.Equal("partial", newest.GetProperty("status").GetString());
        Assert.Equal("timer", newest.GetProperty("trigger").GetString());
        Assert.Equal(180d, newest.GetProperty("durationSeconds").GetDouble());
        Assert.Equal("2026-03-02", newest.GetProperty("firstDay").GetString());
        Assert.Equal(["summaries: prometheus: 503"], newest.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Runs_WithoutParameters_ListEveryJob_TwentyAtMost()
    {
        using var response = await api.Client.GetAsync("/api/runs");
        var answer = await ApiAssert.OkJsonAsync(response);

        Assert.Equal(JsonValueKind.Null, answer.GetProperty("job").ValueKind);
        Assert.Equal(20, answer.GetProperty("top").GetInt32());
        var runs = answer.GetProperty("runs").EnumerateArray().ToList();
        Assert.InRange(runs.Count, 3, 20);
        Assert.Contains(runs, r => r.GetProperty("runId").GetString() == ApiCatalog.NewestNightlyRunId);
    }

    [Theory]
    [InlineData("top=0", "top")]
    [InlineData("top=101", "top")]
    [InlineData("top=ten", "top")]
    [InlineData("job=Nightly%20Tco", "job")]
    [InlineData("job=%27%20or%20true", "job")]
    public async Task Runs_WithBadQueryValues_Is400_NamingTheParameter(string query, string field)
    {
        using var response = await api.Client.GetAsync($"/api/runs?{query}");

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Health_ReportsStorage_TheCatalog_EachJobsRuns_AndIsDegradedWhenTheScheduledNightlyIsStale()
    {
        using var response = await api.Client.GetAsync("/api/health");
        var health = await ApiAssert.OkJsonAsync(response);

        // The seeded scheduled nights are from March 2026: the app serves (200) but says the nightly is stale.
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Contains("no scheduled NightlyTco run has succeeded in the last 26 hours",
            Assert.Single(health.GetProperty("problems").EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.True(health.GetProperty("storage").GetProperty("reachable").GetBoolean());
        Assert.True(health.GetProperty("catalog").GetProperty("loaded").GetBoolean());
        Assert.Equal(ApiCatalog.Count, health.GetProperty("catalog").GetProperty("workloads").GetInt32());
        var last = health.GetProperty("lastNightlyRun");
        Assert.Equal(ApiCatalog.NewestNightlyRunId, last.GetProperty("runId").GetString());
        Assert.Equal("partial", last.GetProperty("status").GetString());
        Assert.Equal("2026-03-03T01:30:00+00:00", last.GetProperty("startedAt").GetString());
        Assert.Equal("20260302T013000Z-aaaa0002", health.GetProperty("lastSucceededNightlyRun").GetProperty("runId").GetString());
        var nightly = Assert.Single(health.GetProperty("jobs").EnumerateArray(), job => job.GetProperty("job").GetString() == "NightlyTco");
        Assert.Equal("timer", nightly.GetProperty("trigger").GetString());
        Assert.Equal(ApiCatalog.NewestNightlyRunId, nightly.GetProperty("runId").GetString());
    }
}
