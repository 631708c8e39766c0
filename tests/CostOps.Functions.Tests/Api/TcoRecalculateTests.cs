using System.Net;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace CostOps.Functions.Tests.Api;

/// <summary><c>POST /api/tco/recalculate</c> through the worker.</summary>
[Collection(ApiWorkerFixture.CollectionName)]
public sealed class TcoRecalculateTests(ApiWorkerFixture api, ITestOutputHelper output) : IDisposable
{
    public void Dispose() => api.App.FlushLogTo(output);

    private const string Path = "/api/tco/recalculate";

    [Fact]
    public async Task Recalculate_StoresRowsWithUnknownFigures_AndAnswersTheRunIdAndRows()
    {
        using var response = await api.Client.PostJsonAsync(Path, """{ "workloadIds": ["summaries"], "from": "2026-02-01", "to": "2026-02-03" }""");
        var run = await ApiAssert.OkJsonAsync(response);

        var runId = run.GetProperty("runId").GetString()!;
        Assert.Matches("^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8}$", runId);
        // The sources answered nothing for these days: the rows are stored as no-data, and the run is not a success.
        Assert.Equal("partial", run.GetProperty("status").GetString());
        Assert.Equal("2026-02-01", run.GetProperty("from").GetString());
        Assert.Equal("2026-02-03", run.GetProperty("to").GetString());
        Assert.Equal(3, run.GetProperty("rowsWritten").GetInt32());
        var rows = run.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["2026-02-01", "2026-02-02", "2026-02-03"], rows.Select(r => r.GetProperty("day").GetString()));
        Assert.All(rows, row =>
        {
            Assert.Equal("summaries", row.GetProperty("workloadId").GetString());
            Assert.Equal(runId, row.GetProperty("runId").GetString());
            Assert.Equal("unknown", row.GetProperty("costBasis").GetString());
            Assert.Equal(0m, row.GetProperty("completeness").GetDecimal());
            // Unknown figures are nulls, never zeros or missing fields.
            foreach (var name in (string[])["gpuCostUsd", "selfHostedCostUsd", "requests", "apiEquivalentCostUsd", "savingsUsd", "demandRatio"])
            {
                Assert.Equal(JsonValueKind.Null, row.GetProperty(name).ValueKind);
            }
        });

        // Stored: the read endpoint returns the same rows, and the run is in the Runs table.
        using var read = await api.Client.GetAsync("/api/tco/summaries?from=2026-02-01&to=2026-02-03");
        var stored = await ApiAssert.OkJsonAsync(read);
        Assert.All(stored.GetProperty("rows").EnumerateArray(), r => Assert.Equal(runId, r.GetProperty("runId").GetString()));
        Assert.Equal(3, stored.GetProperty("rows").GetArrayLength());
        using var runsResponse = await api.Client.GetAsync("/api/runs?job=TcoRecalculate");
        var runs = await ApiAssert.OkJsonAsync(runsResponse);
        var recorded = Assert.Single(runs.GetProperty("runs").EnumerateArray(), r => r.GetProperty("runId").GetString() == runId);
        Assert.Equal("http", recorded.GetProperty("trigger").GetString());
        Assert.Equal("partial", recorded.GetProperty("status").GetString());
        Assert.Equal(["summaries: no data: the telemetry sources answered nothing for 2026-02-01..2026-02-03"], recorded.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Recalculate_WithoutDates_ComputesYesterdayInUtc()
    {
        var before = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        using var response = await api.Client.PostJsonAsync(Path, """{ "workloadIds": ["quiet"] }""");
        var run = await ApiAssert.OkJsonAsync(response);
        var after = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

        var day = DateOnly.Parse(run.GetProperty("from").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(day, new[] { before, after });
        Assert.Equal(run.GetProperty("from").GetString(), run.GetProperty("to").GetString());
        Assert.Single(run.GetProperty("rows").EnumerateArray());
    }

    [Fact]
    public async Task Recalculate_OfTodayOrLater_Is400_NamingTheFieldAndTheLastComputableDay_AndStoresNothing()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var body = $$"""{ "workloadIds": ["quiet"], "from": "{{today:yyyy-MM-dd}}", "to": "{{today.AddDays(400):yyyy-MM-dd}}" }""";
        using var response = await api.Client.PostJsonAsync(Path, body);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "to");
        Assert.Contains("has not ended yet", ApiAssert.ErrorMessage(problem, "from"), StringComparison.Ordinal);
        Assert.Contains($"the last one is {today.AddDays(-1):yyyy-MM-dd}", ApiAssert.ErrorMessage(problem, "to"), StringComparison.Ordinal);
        using var read = await api.Client.GetAsync($"/api/tco/quiet?from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        Assert.Equal(0, (await ApiAssert.OkJsonAsync(read)).GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public async Task Recalculate_OverThirtyOneDays_Is422_NamingTheLimit()
    {
        using var response = await api.Client.PostJsonAsync(Path, """{ "workloadIds": ["quiet"], "from": "2026-01-01", "to": "2026-02-01" }""");

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.UnprocessableEntity, "to");
        Assert.Contains("at most 31 days", ApiAssert.ErrorMessage(problem, "to"), StringComparison.Ordinal);
        Assert.Equal(31, problem.GetProperty("limits").GetProperty("maxDays").GetInt32());
        Assert.Equal(50, problem.GetProperty("limits").GetProperty("maxWorkloads").GetInt32());
    }

    [Fact]
    public async Task Recalculate_OfFiftyOneNamedWorkloads_Is422_NamingTheLimit()
    {
        var ids = string.Join(",", Enumerable.Range(1, ApiCatalog.BulkWorkloads).Select(n => $"\"{ApiCatalog.Bulk(n)}\"").Append("\"triage\"").Append("\"quiet\"").Append("\"summaries\""));
        using var response = await api.Client.PostJsonAsync(Path, $$"""{ "workloadIds": [{{ids}}] }""");

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.UnprocessableEntity, "workloadIds");
        Assert.Contains("at most 50 per call", ApiAssert.ErrorMessage(problem, "workloadIds"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recalculate_OfTheWholeCatalog_Is422_WhenTheCatalogHoldsMoreThanFiftyWorkloads()
    {
        using var response = await api.Client.PostAsync(new Uri(Path, UriKind.Relative), content: null);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.UnprocessableEntity, "workloadIds");
        Assert.Contains($"the catalog holds {ApiCatalog.Count} workloads", ApiAssert.ErrorMessage(problem, "workloadIds"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "workloadIds": ["quiet"], "from": "2026/02/01" }""", "from")]
    [InlineData("""{ "workloadIds": ["quiet"], "to": "yesterday" }""", "to")]
    [InlineData("""{ "workloadIds": "quiet" }""", "workloadIds")]
    [InlineData("""{ "workloadIds": ["quiet", 7] }""", "workloadIds[1]")]
    [InlineData("""{ "workloadIds": ["quiet", "nope"] }""", "workloadIds[1]")]
    [InlineData("""{ "workloadIds": [] }""", "workloadIds")]
    [InlineData("""{ "workloadIds": ["quiet"], "from": "2026-02-02", "to": "2026-02-01" }""", "from")]
    [InlineData("""{ "workloadIds": ["quiet"], "to": "2999-01-01" }""", "to")]
    [InlineData("""{ "workloadIds": ["quiet"], "colour": "blue" }""", "colour")]
    [InlineData("""["quiet"]""", "body")]
    [InlineData("""{ "workloadIds": ["quiet"] """, "body")]
    public async Task Recalculate_WithAnInvalidBody_Is400_NamingTheField(string body, string field)
    {
        using var response = await api.Client.PostJsonAsync(Path, body);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Recalculate_WithANonJsonBody_Is415()
    {
        using var response = await api.Client.PostJsonAsync(Path, "workloadIds=quiet", "application/x-www-form-urlencoded");

        await ApiAssert.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "Content-Type");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Recalculate_WithABodyOverOneMebibyte_Is413(bool chunked)
    {
        var json = "{ \"workloadIds\": [\"quiet\"], \"padding\": \"" + new string('x', 1024 * 1024) + "\" }";
        HttpContent content = new StringContent(json, Encoding.UTF8, "application/json");
        if (chunked)
        {
            content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Path, UriKind.Relative)) { Content = content };
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }
        using var response = await api.Client.SendAsync(request);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body");
    }
}
