using System.Globalization;
using System.Net;
using CostOps.Application.Export;
using CostOps.Cli.Tests;
using CostOps.Functions.Tests.Api;
using Xunit.Abstractions;

namespace CostOps.Functions.Tests.Export;

/// <summary><c>GET /api/export/focus</c> through the emulator: the stored rows as a FOCUS 1.2 CSV that validates.</summary>
[Collection(ApiWorkerFixture.CollectionName)]
public sealed class FocusExportApiTests(ApiWorkerFixture api, ITestOutputHelper output) : IDisposable
{
    public void Dispose() => api.App.FlushLogTo(output);

    [Fact]
    public async Task Export_StreamsACsvOfTheStoredDays_ThatValidatesAsFocus12()
    {
        using var response = await api.Client.GetAsync("/api/export/focus?from=2026-03-01&to=2026-03-10&workload=triage");
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("focus-2026-03-01-2026-03-10.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var (headers, rows) = FocusSpec.ReadCsv(text);
        Assert.Equal(FocusColumns.All, headers);
        // Nine stored March days; the 4th's self-hosted cost is unknown, and unknown is never exported as 0.
        Assert.Equal(ApiCatalog.MarchDays.Length - 1, rows.Count);
        Assert.All(rows, row => Assert.Equal(326m, decimal.Parse(row[headers.IndexOf("EffectiveCost")]!, CultureInfo.InvariantCulture)));
        Assert.Empty(FocusSpec.Load().Problems(text));
    }

    [Fact]
    public async Task Export_OfEveryWorkload_HasTheHeaderRow_EvenWithoutRows()
    {
        using var response = await api.Client.GetAsync("/api/export/focus?from=2025-03-01&to=2025-03-02");
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var (headers, rows) = FocusSpec.ReadCsv(text);
        Assert.Equal(FocusColumns.All, headers);
        Assert.Empty(rows);
    }

    [Theory]
    [InlineData("to=2026-03-10", HttpStatusCode.BadRequest, "from")]
    [InlineData("from=2026-03-01", HttpStatusCode.BadRequest, "to")]
    [InlineData("from=2026-03-01&to=10.03.2026", HttpStatusCode.BadRequest, "to")]
    [InlineData("from=2026-03-10&to=2026-03-01", HttpStatusCode.BadRequest, "to")]
    [InlineData("from=2025-01-01&to=2026-03-10", HttpStatusCode.UnprocessableEntity, "to")]
    [InlineData("from=2026-03-01&to=2026-03-10&workload=nope", HttpStatusCode.NotFound, "workload")]
    public async Task Export_WithBadQueryValues_IsAProblemNamingTheParameter(string query, HttpStatusCode status, string field)
    {
        using var response = await api.Client.GetAsync($"/api/export/focus?{query}");

        await ApiAssert.ProblemAsync(response, status, field);
    }
}
