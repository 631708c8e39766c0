using CostOps.Application.Telemetry;
using CostOps.Domain.Time;
using CostOps.Infrastructure.Prometheus;
using CostOps.TestSupport;

namespace CostOps.Infrastructure.Tests.Telemetry.Prometheus;

public sealed class DcgmUtilizationSourceTests
{
    private readonly TelemetryHarness _harness = new();

    [Fact]
    public async Task TheReferenceAnswer_GivesTheMeanUtilization_AndCompletenessFromTheStep()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, Fixture.Text("Prometheus/dcgm-range-reference.json")));
        var source = new DcgmUtilizationSource("prom", Client(server), TimeSpan.FromMinutes(5), _harness.Logger);

        var fact = Assert.Single((await source.GetDailyUtilizationAsync(new SelfHostedQuery(DayRange.OneDay(PrometheusPayload.Day), "Hostname=\"gpu-vm-01\""))).Facts);

        Assert.Equal((87.4 + 91.2 + 0) / 3, fact.AverageUtilizationPercent!.Value, 9);
        Assert.Equal(1, fact.GpuCount);
        Assert.Equal(new Completeness(288, 3), fact.Completeness);
        Assert.Contains("DCGM_FI_DEV_GPU_UTIL{Hostname=\"gpu-vm-01\"}", Uri.UnescapeDataString(Assert.Single(server.Requests).PathAndQuery), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryGpuCounts_AndADayWithoutSamplesIsMissing()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, PrometheusPayload.Matrix(
            PrometheusPayload.Series(new Dictionary<string, string> { ["gpu"] = "0" }, PrometheusPayload.Hourly(h => h < 24 ? 100 : null)),
            PrometheusPayload.Series(new Dictionary<string, string> { ["gpu"] = "1" }, PrometheusPayload.Hourly(h => h < 24 ? 50 : null)))));
        var source = new DcgmUtilizationSource("prom", Client(server), TimeSpan.FromHours(1), _harness.Logger);

        var facts = (await source.GetDailyUtilizationAsync(new SelfHostedQuery(new DayRange(PrometheusPayload.Day, PrometheusPayload.Day.AddDays(1)), string.Empty))).Facts;

        Assert.Equal(75, facts[0].AverageUtilizationPercent);
        Assert.Equal(2, facts[0].GpuCount);
        Assert.True(facts[0].Completeness.IsComplete);
        Assert.Null(facts[1].AverageUtilizationPercent);
        Assert.Null(facts[1].GpuCount);
        Assert.Equal(0, facts[1].Completeness.Ratio);
    }

    private PrometheusClient Client(LoopbackServer server) =>
        new("prom", server.BaseUri, _harness.Pipeline(server, "prom"), PrometheusHttpMethod.Get, _harness.Logger);
}
