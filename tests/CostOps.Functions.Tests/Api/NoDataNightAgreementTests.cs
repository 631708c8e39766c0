using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using CostOps.Application.Digest;
using CostOps.Application.Results;
using CostOps.Domain.Observed;
using CostOps.Domain.Pricing;
using CostOps.Domain.Time;
using CostOps.Functions.Tests.Worker;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport.Azurite;
using Xunit.Abstractions;

namespace CostOps.Functions.Tests.Api;

/// <summary>
/// After a no-data night that follows a good night, every surface tells the same story through the real worker:
/// <c>/api/workloads</c>, the <c>/api/tco/{id}</c> summary, the autopilot plan and the digest give the good night's
/// verdict, as of the good night, and say the newer night lacks data.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class NoDataNightAgreementTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    // The worker reads the system clock: yesterday (UTC) is the no-data night, the night before it the good one.
    private static readonly DateOnly NoDataNight = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
    private static readonly DateOnly GoodNight = NoDataNight.AddDays(-1);

    private const string Catalog = """
        { "workloads": [ { "id": "triage", "displayName": "Support triage", "goLive": "2026-03-01",
          "selfHosted": { "tagSelector": { "costops-workload": "triage" }, "gpuHourly": 6.5, "targetUtilization": 0.8 },
          "api": { "inputPerMTok": 2, "outputPerMTok": 8 } } ] }
        """;

    [Fact]
    public async Task Workloads_TcoSummary_Plan_AndDigest_AgreeOnTheVerdict_ItsNight_AndTheNightWithoutData()
    {
        var settings = AppSettings.For(azurite, Catalog);
        await using var app = await WorkerApp.StartAsync(settings);
        try
        {
            var tables = new CostOpsTables(new TableServiceClient(azurite.ConnectionString), CostOpsTableNames.WithPrefix(settings["CostOps__Storage__TablePrefix"]));
            await new TableDailyTcoStore(tables.DailyTco).UpsertAsync([Good(), NoData()]);

            var workloads = await GetJsonAsync(app, HttpMethod.Get, "/api/workloads");
            var tco = await GetJsonAsync(app, HttpMethod.Get, "/api/tco/triage");
            var plan = await GetJsonAsync(app, HttpMethod.Post, "/api/autopilot/plan");
            using var digestRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/digest/preview?week={IsoWeek.FromDate(NoDataNight)}");
            digestRequest.Headers.Accept.ParseAdd("text/html");
            using var digestResponse = await app.Client.SendAsync(digestRequest);
            var digest = await digestResponse.Content.ReadAsStringAsync();

            var triage = workloads.GetProperty("workloads")[0];
            var statuses = new[]
            {
                triage.GetProperty("verdictStatus"),
                tco.GetProperty("summary").GetProperty("verdict"),
                plan.GetProperty("workloads")[0].GetProperty("verdict"),
            };
            Assert.Equal("above-break-even", triage.GetProperty("verdict").GetString());
            Assert.All(statuses, status =>
            {
                Assert.Equal("above-break-even", status.GetProperty("verdict").GetString());
                Assert.Equal(Day(GoodNight), status.GetProperty("asOf").GetString());
                Assert.Equal(1, status.GetProperty("ageDays").GetInt32());
                Assert.Equal([Day(NoDataNight)], status.GetProperty("nightsWithoutData").EnumerateArray().Select(d => d.GetString()));
            });
            var summary = $"above break-even as of {Day(GoodNight)} (1 night old); 1 newer night has no data ({Day(NoDataNight)})";
            Assert.All(statuses, status => Assert.Equal(summary, status.GetProperty("summary").GetString()));
            Assert.Equal(Day(GoodNight), tco.GetProperty("summary").GetProperty("latest").GetProperty("day").GetString());
            Assert.Equal(Day(GoodNight), triage.GetProperty("latest").GetProperty("day").GetString());
            Assert.True(digestResponse.IsSuccessStatusCode, digest);
            Assert.Contains(summary, digest, StringComparison.Ordinal);
            Assert.Contains("Support triage", digest, StringComparison.Ordinal);
            Assert.DoesNotContain("$0.00", digest, StringComparison.Ordinal);
        }
        finally
        {
            app.FlushLogTo(output);
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<JsonElement> GetJsonAsync(WorkerApp app, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post)
        {
            request.Content = JsonContent.Create(new { });
        }
        using var response = await app.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static DailyTcoRecord Good() => Record(new DailyTco(
        GoodNight, 24m, new Money(156m), CostBasis.Estimated, new Money(100m), new Money(20m), new Money(50m), new Money(326m),
        10_000m, 9_000_000m, 2_500_000m, 1_000m, new Money(400m), new Money(40m), new Money(74m),
        250_000m, 334_583.33m, 1.3383m, false, false, 1m));

    // The sources answered nothing: completeness 0, every figure unknown.
    private static DailyTcoRecord NoData() => Record(new DailyTco(
        NoDataNight, null, null, CostBasis.Unknown, new Money(100m), new Money(20m), new Money(50m), null,
        null, null, null, null, null, null, null, null, null, null, false, false, 0m));

    private static DailyTcoRecord Record(DailyTco tco) => new(
        "triage", tco, null, tco.HasData ? PriceSource.PriceBook : PriceSource.Unknown, DayRange.StartOf(GoodNight),
        "", DailyTcoRecord.CurrentCalcVersion, "run", new DateTimeOffset(tco.Day.AddDays(1).ToDateTime(new TimeOnly(1, 30)), TimeSpan.Zero));
}
