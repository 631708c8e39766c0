using System.Net;
using CostOps.Functions.Tests.Functions;
using CostOps.Functions.Tests.Worker;
using CostOps.TestSupport.Azurite;
using Xunit.Abstractions;

namespace CostOps.Functions.Tests.Api;

/// <summary>
/// What a caller of <c>POST /api/tco/recalculate</c> gets when a telemetry source fails every workload it asked for:
/// a 502 problem naming the source (<c>telemetry:&lt;name&gt;</c>) and the recorded run, never SDK text.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class TelemetryFailureTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task ARecalculationWhoseSourceFailsEveryWorkload_Is502_NamingTheSource_AndTheRecordedRun()
    {
        var settings = AppSettings.WithUnreachablePrometheus(azurite);
        await using var app = await WorkerApp.StartAsync(settings);
        try
        {
            const string body = """{ "from": "2026-03-01", "to": "2026-03-02" }""";
            using var response = await app.Client.PostJsonAsync("/api/tco/recalculate", body);
            var text = await response.Content.ReadAsStringAsync();

            var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadGateway, field: null);
            Assert.Equal("telemetry:broken-prometheus", problem.GetProperty("upstream").GetString());
            Assert.Equal(["telemetry:broken-prometheus"], problem.GetProperty("upstreams").EnumerateArray().Select(u => u.GetString()));
            Assert.Contains(problem.GetProperty("problems").EnumerateArray(), p => p.GetString()!.StartsWith("unreachable: broken-prometheus", StringComparison.Ordinal));
            Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
            Assert.Empty(OpenApiExchangeTests.Contract.Check("POST", "/api/tco/recalculate", body, 502, response.Content.Headers.ContentType?.MediaType, text));

            // The failed run is recorded under the id the problem names.
            var runId = problem.GetProperty("runId").GetString();
            using var runs = await app.Client.GetAsync("/api/runs?job=TcoRecalculate");
            var run = (await ApiAssert.OkJsonAsync(runs)).GetProperty("runs").EnumerateArray().Single();
            Assert.Equal(runId, run.GetProperty("runId").GetString());
            Assert.Equal("failed", run.GetProperty("status").GetString());
        }
        finally
        {
            app.FlushLogTo(output);
        }
    }
}
