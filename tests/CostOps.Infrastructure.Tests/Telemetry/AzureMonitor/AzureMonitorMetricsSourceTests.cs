using CostOps.Application.Telemetry;
using CostOps.Domain.Time;
using CostOps.Infrastructure.AzureMonitor;
using CostOps.TestSupport;

namespace CostOps.Infrastructure.Tests.Telemetry.AzureMonitor;

public sealed class AzureMonitorMetricsSourceTests
{
    private static readonly DateOnly Day = new(2025, 1, 1);
    private static readonly string Vm = MetricsPayload.Vm("gpu-vm-01");

    private readonly TelemetryHarness _harness = new();

    [Fact]
    public async Task HourlyBuckets_BecomeOneFactPerDay_WithMissingHoursLoweringCompleteness()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var ids = MetricsPayload.RequestedIds(await LoopbackReplies.Body(context));
            var id = Assert.Single(ids);
            var twoDays = MetricsPayload.Concat(
                MetricsPayload.Hourly(Day, "average", hour => hour),
                MetricsPayload.Hourly(Day.AddDays(1), "average", hour => hour % 2 == 0 ? 10 : null));
            await LoopbackReplies.Json(context, MetricsPayload.Batch((id, [MetricsPayload.Metric(id, "Percentage CPU", twoDays)])));
        });

        var result = await CreateSource(server).GetDailyMetricsAsync(
            new ResourceMetricsQuery(new DayRange(Day, Day.AddDays(2)), [Vm], "Microsoft.Compute/virtualMachines", ["Percentage CPU"], ["average"]));

        Assert.Empty(result.Issues);
        Assert.Equal(3, result.Facts.Count);
        Assert.Equal(11.5, result.Facts[0].Average);
        Assert.Equal(Completeness.Full(24), result.Facts[0].Completeness);
        Assert.Equal(10, result.Facts[1].Average);
        Assert.Equal(new Completeness(24, 12), result.Facts[1].Completeness);
        Assert.Null(result.Facts[2].Average);
        Assert.Equal(Completeness.Missing(24), result.Facts[2].Completeness);
    }

    [Fact]
    public async Task TheReferenceVmCpuAnswer_GivesTheMeanOfTheHoursThatHaveAValue()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, Fixture.Text("AzureMonitor/arm-vm-cpu.json")));
        var source = new AzureMonitorMetricsSource("monitor", CreateClient(server), region: null, [Vm], _harness.Logger);

        var result = await source.GetDailyMetricsAsync(
            new ResourceMetricsQuery(DayRange.OneDay(Day), [], "Microsoft.Compute/virtualMachines", ["Percentage CPU"], ["average", "maximum"]));

        var fact = Assert.Single(result.Facts);
        Assert.Equal((3.1825 + 2.9716) / 2, fact.Average!.Value, 10);
        Assert.Equal(9.41, fact.Maximum);
        Assert.Null(fact.Total);
        Assert.Equal(new Completeness(24, 2), fact.Completeness);
    }

    [Fact]
    public async Task SplittingByADimension_GivesOneFactPerDimensionValue()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var id = Assert.Single(MetricsPayload.RequestedIds(await LoopbackReplies.Body(context)));
            await LoopbackReplies.Json(context, MetricsPayload.Batch((id, [MetricsPayload.Metric(id, "VmAvailabilityMetric",
                MetricsPayload.Hourly(Day, "average", _ => 1, ("VMName", "vmss_0")),
                MetricsPayload.Hourly(Day, "average", _ => 0.5, ("VMName", "vmss_1")))])));
        });

        var result = await CreateSource(server).GetDailyMetricsAsync(
            new ResourceMetricsQuery(DayRange.OneDay(Day), [Vm], "Microsoft.Compute/virtualMachineScaleSets", ["VmAvailabilityMetric"], ["average"], "VMName"));

        Assert.Equal(["vmss_0", "vmss_1"], result.Facts.Select(f => f.DimensionValue));
        Assert.Equal([1.0, 0.5], result.Facts.Select(f => f.Average!.Value));
    }

    [Fact]
    public async Task AFailedMetric_IsAnIssue_AndItsDaysAreMissing()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var id = Assert.Single(MetricsPayload.RequestedIds(await LoopbackReplies.Body(context)));
            await LoopbackReplies.Json(context, MetricsPayload.Batch((id, [MetricsPayload.FailedMetric(id, "Percentage CPU", "BadRequest", "Metric not supported")])));
        });

        var result = await CreateSource(server).GetDailyMetricsAsync(
            new ResourceMetricsQuery(DayRange.OneDay(Day), [Vm], "Microsoft.Compute/virtualMachines", ["Percentage CPU"], ["average"]));

        Assert.Contains("BadRequest", Assert.Single(result.Issues).Message, StringComparison.Ordinal);
        var fact = Assert.Single(result.Facts);
        Assert.Null(fact.Average);
        Assert.Equal(0, fact.Completeness.Ratio);
    }

    private AzureMonitorMetricsClient CreateClient(LoopbackServer server) =>
        new("monitor",
            new AzureMonitorEndpoints { Arm = server.BaseUri, BatchTemplate = server.BaseUri.ToString() },
            _harness.Pipeline(server, "monitor", AzureMonitorMetricsClient.ArmScope),
            _harness.Pipeline(server, "monitor", AzureMonitorMetricsClient.BatchScope),
            _harness.Logger);

    private AzureMonitorMetricsSource CreateSource(LoopbackServer server) =>
        new("monitor", CreateClient(server), "eastus", [], _harness.Logger);
}
