using System.Globalization;
using System.Net;
using System.Text.Json;
using CostOps.FunctionsHost;
using Xunit.Abstractions;

namespace CostOps.Functions.Tests.Api;

/// <summary><c>POST /api/autopilot/plan</c> and <c>GET /api/decisions</c> through the worker.</summary>
[Collection(ApiWorkerFixture.CollectionName)]
public sealed class AutopilotApiTests(ApiWorkerFixture api, ITestOutputHelper output) : IDisposable
{
    public void Dispose() => api.App.FlushLogTo(output);

    private const string PlanPath = "/api/autopilot/plan";

    [Fact]
    public async Task Plan_DecidesEveryWorkloadOfTheCatalog_ForYesterday_AndWritesNoDecision()
    {
        var before = await DecisionCountAsync("triage");

        using var response = await api.Client.PostAsync(new Uri(PlanPath, UriKind.Relative), content: null);
        var plan = await ApiAssert.OkJsonAsync(response);

        var day = DateOnly.Parse(plan.GetProperty("day").GetString()!, CultureInfo.InvariantCulture);
        Assert.Contains(day, new[] { DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2) });
        Assert.Equal("dry-run", plan.GetProperty("globalMode").GetString());
        Assert.Equal(0, plan.GetProperty("plannedWrites").GetInt32());
        var workloads = plan.GetProperty("workloads").EnumerateArray().ToList();
        Assert.Equal(ApiCatalog.Count, workloads.Count + plan.GetProperty("undecided").GetArrayLength());
        Assert.All(workloads, w => Assert.False(w.GetProperty("decision").GetProperty("willAct").GetBoolean()));
        Assert.Equal(before, await DecisionCountAsync("triage"));
    }

    [Fact]
    public async Task Plan_OfNamedWorkloads_ShowsEachDecisionWithItsReasonAndInputs()
    {
        using var response = await api.Client.PostJsonAsync(PlanPath, """{ "workloadIds": ["triage"] }""");
        var plan = await ApiAssert.OkJsonAsync(response);

        var planned = Assert.Single(plan.GetProperty("workloads").EnumerateArray());
        var decision = planned.GetProperty("decision");
        Assert.Equal("triage", decision.GetProperty("workloadId").GetString());
        Assert.Equal("hold", decision.GetProperty("action").GetString());
        Assert.Contains("no resource ids listed", decision.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("dry-run", decision.GetProperty("inputs").GetProperty("policyMode").GetString());
        Assert.Equal(JsonValueKind.Array, decision.GetProperty("targets").ValueKind);
        Assert.Equal(JsonValueKind.Array, decision.GetProperty("window").ValueKind);
        Assert.Matches("^[0-9a-f-]+$|^[A-Za-z0-9._-]+$", decision.GetProperty("decisionId").GetString()!);
    }

    [Theory]
    [InlineData("""{ "workloadIds": ["triage", "nope"] }""", "workloadIds[1]")]
    [InlineData("""{ "workloadIds": [] }""", "workloadIds")]
    [InlineData("""{ "workloadIds": "triage" }""", "workloadIds")]
    [InlineData("""{ "mode": "enforce" }""", "mode")]
    [InlineData("""{ "workloadIds": ["triage"] """, "body")]
    public async Task Plan_WithAnInvalidBody_Is400_NamingTheField(string body, string field)
    {
        using var response = await api.Client.PostJsonAsync(PlanPath, body);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Plan_WithANonJsonBody_Is415_AndOverOneMebibyte_Is413()
    {
        using var notJson = await api.Client.PostJsonAsync(PlanPath, "workloadIds=triage", "text/plain");
        await ApiAssert.ProblemAsync(notJson, HttpStatusCode.UnsupportedMediaType, "Content-Type");

        using var tooLarge = await api.Client.PostJsonAsync(PlanPath, "{ \"pad\": \"" + new string('x', 1024 * 1024) + "\" }");
        await ApiAssert.ProblemAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge, "body");
    }

    [Fact]
    public async Task Decisions_ListWhatTheAutopilotTimerRecorded_NewestFirst_FilteredBySinceAndTop()
    {
        var started = DateTimeOffset.UtcNow.AddSeconds(-5);
        var timer = await api.App.Emulator.InvokeTimerAsync("Autopilot", TimerPayload.WithoutScheduleStatus());
        Assert.True(timer.Status == InvocationStatus.Success, timer.ExceptionMessage);

        var since = Uri.EscapeDataString(started.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        using var response = await api.Client.GetAsync($"/api/decisions?workloadId=triage&since={since}");
        var answer = await ApiAssert.OkJsonAsync(response);

        Assert.Equal("triage", answer.GetProperty("workloadId").GetString());
        Assert.Equal(50, answer.GetProperty("top").GetInt32());
        var decisions = answer.GetProperty("decisions").EnumerateArray().ToList();
        Assert.NotEmpty(decisions);
        var newest = decisions[0];
        Assert.Equal("triage", newest.GetProperty("decision").GetProperty("workloadId").GetString());
        Assert.Equal("hold", newest.GetProperty("outcomeStatus").GetString());
        Assert.False(newest.GetProperty("writeSent").GetBoolean());
        Assert.False(string.IsNullOrEmpty(newest.GetProperty("runId").GetString()));
        var times = decisions.Select(d => d.GetProperty("decision").GetProperty("evaluatedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);

        using var everyWorkload = await api.Client.GetAsync($"/api/decisions?since={since}&top=2");
        Assert.Equal(2, (await ApiAssert.OkJsonAsync(everyWorkload)).GetProperty("decisions").GetArrayLength());
        using var future = await api.Client.GetAsync("/api/decisions?since=2999-01-01");
        Assert.Empty((await ApiAssert.OkJsonAsync(future)).GetProperty("decisions").EnumerateArray());
    }

    [Theory]
    [InlineData("top=0", "top")]
    [InlineData("top=1001", "top")]
    [InlineData("since=yesterday", "since")]
    [InlineData("since=2026-11-20T01:30:00", "since")]
    [InlineData("workloadId=no%20spaces%20please", "workloadId")]
    public async Task Decisions_WithBadQueryValues_Is400_NamingTheParameter(string query, string field)
    {
        using var response = await api.Client.GetAsync($"/api/decisions?{query}");

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    private async Task<int> DecisionCountAsync(string workloadId)
    {
        using var response = await api.Client.GetAsync($"/api/decisions?workloadId={workloadId}&top=1000");
        return (await ApiAssert.OkJsonAsync(response)).GetProperty("decisions").GetArrayLength();
    }
}
