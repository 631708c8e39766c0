using System.Diagnostics;
using CostOps.Application.Autopilot;
using CostOps.Application.Catalog;
using CostOps.Application.Jobs;
using CostOps.Application.Nightly;
using CostOps.Application.PriceBook;
using CostOps.Application.Telemetry;
using CostOps.Application.Tests.Autopilot;
using CostOps.Application.Tests.Nightly;
using CostOps.Domain.Autopilot;
using CostOps.Domain.Time;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static CostOps.Application.Diagnostics.CostOpsTelemetry;

namespace CostOps.Application.Tests.Diagnostics;

/// <summary>Real runs of the use cases over the port fakes emit the trace and the metrics an operator charts.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class CostOpsTelemetryTests : IDisposable
{
    private static readonly DateOnly s_day = new(2026, 11, 20);

    private readonly TelemetryCapture _capture = new();

    public void Dispose() => _capture.Dispose();

    [Fact]
    public async Task ATcoRecalculation_IsOneTrace_WithASpanPerSourceRead_AndItsMetrics()
    {
        var counter = new UpstreamCallCounter();
        var usage = new CountingUsage(counter);
        var (recalculation, _) = Recalculation(usage, new FakeFleet(), counter);

        var report = await recalculation.RunAsync(new TcoRunRequest(null, DayRange.OneDay(s_day), "http", Job: "TcoRecalculate"));

        Assert.Equal(JobStatus.Succeeded, report.Run.Status);
        var root = Assert.Single(_capture.Spans, s => s.OperationName == "TcoRecalculate");
        Assert.Equal("TcoRecalculate", root.GetTagItem(Tags.Job));
        Assert.Equal(report.Run.RunId, root.GetTagItem(Tags.RunId));
        Assert.Equal("http", root.GetTagItem(Tags.Trigger));
        Assert.Equal("succeeded", root.GetTagItem(Tags.Status));
        Assert.NotEqual(ActivityStatusCode.Error, root.Status);

        var reads = _capture.Spans.Where(s => s.OperationName.StartsWith("read ", StringComparison.Ordinal)).ToList();
        Assert.All(reads, r => Assert.Equal(root.TraceId, r.TraceId));
        Assert.All(reads, r => Assert.Equal(root.SpanId, r.ParentSpanId));
        Assert.Equal(
            ["fleet arm", "selfHostedUsage prometheus"],
            reads.Select(r => $"{r.GetTagItem(Tags.Signal)} {r.GetTagItem(Tags.Source)}").Order(StringComparer.Ordinal));

        var duration = Assert.Single(_capture.Of(Instruments.RunDuration));
        Assert.Equal(new Dictionary<string, string> { [Tags.Job] = "TcoRecalculate", [Tags.Status] = "succeeded" }, duration.Tags);
        Assert.Equal(2, _capture.Sum(Instruments.RowsWritten, new Dictionary<string, string> { [Tags.Job] = "TcoRecalculate" }, exactly: true));
        // The fake vLLM source sends one request through the counted pipeline while its read is open.
        Assert.Equal(1, _capture.Sum(Instruments.UpstreamCalls, new Dictionary<string, string> { [Tags.Source] = "prometheus" }, exactly: true));
        Assert.Equal(1, report.Run.UpstreamCalls);
    }

    [Fact]
    public async Task ASourceThatFails_MarksItsReadAsAnError_AndTheRunIsCountedAsFailed()
    {
        var counter = new UpstreamCallCounter();
        var fleet = new FakeFleet { FailWith = "ARM answered 503 three times" };
        var (recalculation, _) = Recalculation(new CountingUsage(counter), fleet, counter);

        var report = await recalculation.RunAsync(new TcoRunRequest(null, DayRange.OneDay(s_day), "timer"));

        Assert.Equal(JobStatus.Failed, report.Run.Status);
        var read = Assert.Single(_capture.Spans, s => s.OperationName == "read fleet");
        Assert.Equal(ActivityStatusCode.Error, read.Status);
        Assert.Contains("ARM answered 503", read.StatusDescription, StringComparison.Ordinal);
        var root = Assert.Single(_capture.Spans, s => s.OperationName == NightlyTcoJob.Name);
        Assert.Equal(ActivityStatusCode.Error, root.Status);
        var duration = Assert.Single(_capture.Of(Instruments.RunDuration));
        Assert.Equal(new Dictionary<string, string> { [Tags.Job] = NightlyTcoJob.Name, [Tags.Status] = "failed" }, duration.Tags);
        Assert.Empty(_capture.Of(Instruments.RowsWritten));
    }

    [Fact]
    public async Task AnAutopilotRun_CountsItsDecisionsByActionAndMode_InOneTrace()
    {
        var h = new AutopilotHarness();
        h.AddWorkload("alpha", "enforce", [h.Fleet.AddVm("vm-a", VmPowerState.Running)]);
        h.AddWorkload("beta", "enforce", [h.Fleet.AddVm("vm-b", VmPowerState.Running)]);
        h.AddWorkload("gamma", "dry-run", [h.Fleet.AddVm("vm-c", VmPowerState.Running)]);
        h.AddNights("alpha", 0.5m);
        h.AddNights("beta", 0.5m);
        h.AddNights("gamma", 0.5m);

        var report = await h.RunAsync();

        Assert.Equal(JobStatus.Succeeded, report.Run.Status);
        var root = Assert.Single(_capture.Spans, s => s.OperationName == AutopilotJob.Name);
        Assert.Equal(report.Run.RunId, root.GetTagItem(Tags.RunId));
        Assert.Equal("succeeded", root.GetTagItem(Tags.Status));
        Assert.Equal(2, _capture.Sum(Instruments.AutopilotDecisions, new Dictionary<string, string> { [Tags.Action] = "pause", [Tags.Mode] = "enforce" }, exactly: true));
        Assert.Equal(1, _capture.Sum(Instruments.AutopilotDecisions, new Dictionary<string, string> { [Tags.Action] = "pause", [Tags.Mode] = "dry-run" }, exactly: true));
        Assert.Equal(3, _capture.Of(Instruments.AutopilotDecisions).Sum(m => m.Value));
        Assert.Equal(3, _capture.Sum(Instruments.RowsWritten, new Dictionary<string, string> { [Tags.Job] = AutopilotJob.Name }, exactly: true));
        var duration = Assert.Single(_capture.Of(Instruments.RunDuration));
        Assert.Equal(AutopilotJob.Name, duration.Tags[Tags.Job]);
        Assert.Equal("succeeded", duration.Tags[Tags.Status]);
    }

    private static string Vm(int n) => $"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/gpu/providers/Microsoft.Compute/virtualMachines/vm-{n}";

    private static (TcoRecalculation Recalculation, InMemoryRunStore Runs) Recalculation(ISelfHostedUsageSource usage, FakeFleet fleet, UpstreamCallCounter counter)
    {
        var items = string.Join(",", new[] { ("a", 1), ("b", 2) }.Select(w => $$"""
            {
              "id": "{{w.Item1}}", "goLive": "2026-01-01",
              "selfHosted": { "resources": [ "{{Vm(w.Item2)}}" ], "gpuHourly": 1.0, "tokensPerSecondPerInstance": 2500, "targetUtilization": 0.8 },
              "api": { "model": "gpt-5.4" },
              "telemetry": { "selfHostedUsage": { "source": "prometheus", "labelSelector": "sel-{{w.Item1}}" }, "fleet": { "source": "arm" } }
            }
            """));
        var catalog = WorkloadCatalogReader.Parse($$"""{ "workloads": [ {{items}} ] }""", PriceBookReader.LoadDefault(), ["prometheus", "arm"], "catalog.json");
        var runs = new InMemoryRunStore();
        var recalculation = new TcoRecalculation(
            catalog, new TelemetryGatherer(new FakeSources().Add("prometheus", usage).Add("arm", fleet)), new InMemoryDailyTcoStore(), runs, counter,
            new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 1, 30, 0, TimeSpan.Zero)),
            Options.Create(new NightlyOptions()), NullLogger<TcoRecalculation>.Instance);
        return (recalculation, runs);
    }

    /// <summary>A vLLM source that sends one request through the counted pipeline, as the Prometheus adapter does.</summary>
    private sealed class CountingUsage(UpstreamCallCounter counter) : ISelfHostedUsageSource
    {
        private readonly FakeSelfHostedUsage _inner = new((s, d) => FakeSelfHostedUsage.Full(s, d, 2400));

        public async Task<TelemetryResult<SelfHostedUsageFact>> GetDailyUsageAsync(SelfHostedQuery query, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            counter.Increment();
            return await _inner.GetDailyUsageAsync(query, cancellationToken);
        }
    }
}
