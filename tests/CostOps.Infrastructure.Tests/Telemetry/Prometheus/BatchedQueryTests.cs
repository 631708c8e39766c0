using System.Text.Json.Nodes;
using CostOps.Application.Telemetry;
using CostOps.Domain.Time;
using CostOps.Infrastructure.Prometheus;
using CostOps.TestSupport;

namespace CostOps.Infrastructure.Tests.Telemetry.Prometheus;

/// <summary>
/// A fleet's deployments are read together, one range query per metric, and each gets the very figures it would
/// have got from queries of its own over the same series: counter resets are handled per series before summing.
/// </summary>
public sealed class BatchedQueryTests
{
    private static readonly DateOnly Day = PrometheusPayload.Day;
    private static readonly DayRange TwoDays = new(Day, Day.AddDays(1));
    private static readonly TimeSpan HourlyStep = TimeSpan.FromHours(1);
    private static readonly string[] Selectors = ["model_name=\"alpha\"", "model_name=\"bravo\"", "model_name=\"llama-3.1\""];

    private readonly TelemetryHarness _harness = new();

    [Fact]
    public async Task BatchedVllmQueries_GiveEachDeploymentTheFiguresOfItsOwnQueries_IncludingACounterReset()
    {
        await using var server = await SeriesServer.StartAsync(Fleet());
        var source = new VllmUsageSource("prom", Client(server), HourlyStep, _harness.Logger);

        var batched = await source.GetDailyUsageAsync(new SelfHostedQuery(TwoDays, [.. Selectors.Select(s => new SelfHostedSelector(s, 2))]));
        var batchedRequests = server.Requests.Count;
        var alone = new List<SelfHostedUsageFact>();
        foreach (var selector in Selectors)
        {
            alone.AddRange((await source.GetDailyUsageAsync(new SelfHostedQuery(TwoDays, selector))).Facts);
        }

        Assert.Equal(3, batchedRequests);
        Assert.Equal(3 + 9, server.Requests.Count);
        Assert.Equal(alone, batched.Facts);
        Assert.Empty(batched.Failures);
        // alpha's first replica restarted at 10:00 on the first day: 9,000 before, then 500 an hour from zero.
        var alpha = batched.Facts.First(f => f.LabelSelector == Selectors[0] && f.Day == Day);
        Assert.Equal(9_000 + 500 + 7_000 + 2_400, alpha.InputTokens);
        Assert.All(batched.Facts.Where(f => f.Day == Day), f => Assert.Equal(Completeness.Full(72), f.Completeness));
    }

    [Fact]
    public async Task BatchedDcgmQueries_GiveEachDeploymentTheFiguresOfItsOwnQueries()
    {
        await using var server = await SeriesServer.StartAsync(Fleet());
        var source = new DcgmUtilizationSource("prom", Client(server), HourlyStep, _harness.Logger);

        var batched = await source.GetDailyUtilizationAsync(new SelfHostedQuery(TwoDays, [.. Selectors.Select(s => new SelfHostedSelector(s))]));
        var alone = new List<GpuUtilizationFact>();
        foreach (var selector in Selectors)
        {
            alone.AddRange((await source.GetDailyUtilizationAsync(new SelfHostedQuery(TwoDays, selector))).Facts);
        }

        Assert.Equal(1 + 3, server.Requests.Count);
        Assert.Equal(alone, batched.Facts);
        var bravo = batched.Facts.First(f => f.LabelSelector == Selectors[1] && f.Day == Day);
        Assert.Equal(2, bravo.GpuCount);
        Assert.Equal((40d + 80d) / 2, bravo.AverageUtilizationPercent!.Value, 9);
    }

    [Fact]
    public async Task TheBatchedQuery_MatchesTheKeyLabelAgainstEveryValue_EscapedAndWithTheSharedMatchersKept()
    {
        await using var server = await SeriesServer.StartAsync(Fleet());
        var source = new DcgmUtilizationSource("prom", Client(server), HourlyStep, _harness.Logger);

        await source.GetDailyUtilizationAsync(new SelfHostedQuery(TwoDays, [
            new SelfHostedSelector("model_name=\"alpha\",job=\"vllm\""),
            new SelfHostedSelector("job=\"vllm\", model_name=\"llama-3.1\""),
        ]));

        var sent = Assert.Single(server.Requests);
        Assert.Contains(
            Uri.EscapeDataString("DCGM_FI_DEV_GPU_UTIL{job=\"vllm\",model_name=~\"alpha|llama-3\\\\.1\"}"),
            sent.Body,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnswerThatWouldPassTheSampleLimit_IsSplitByDeployments_IntoAsFewQueriesAsFit()
    {
        await using var server = await SeriesServer.StartAsync(Fleet());
        // Two days at an hourly step: 49 points per series; each deployment is expected to have 2 series (98 samples).
        var limits = PrometheusQueryLimits.Server with { MaxSamplesPerQuery = 200 };
        var source = new VllmUsageSource("prom", Client(server, limits), HourlyStep, _harness.Logger);

        var result = await source.GetDailyUsageAsync(new SelfHostedQuery(TwoDays, [.. Selectors.Select(s => new SelfHostedSelector(s, 2))]));

        // Two deployments fit one query, the third goes in a second: 2 queries per counter.
        Assert.Equal(6, server.Requests.Count);
        Assert.Equal(6, result.Facts.Count);
        Assert.All(result.Facts.Where(f => f.Day == Day), f => Assert.NotNull(f.InputTokens));
    }

    [Fact]
    public async Task ASplitFleet_IsReadChunkByChunk_EachChunksCountersInTurn_WithTheFiguresOfOneQueryPerCounter()
    {
        await using var server = await SeriesServer.StartAsync(Fleet());
        SelfHostedSelector[] selectors = [.. Selectors.Select(s => new SelfHostedSelector(s, 2))];
        var whole = await new VllmUsageSource("prom", Client(server), HourlyStep, _harness.Logger).GetDailyUsageAsync(new SelfHostedQuery(TwoDays, selectors));
        var before = server.Requests.Count;
        var limits = PrometheusQueryLimits.Server with { MaxSamplesPerQuery = 200 };

        var split = await new VllmUsageSource("prom", Client(server, limits), HourlyStep, _harness.Logger).GetDailyUsageAsync(new SelfHostedQuery(TwoDays, selectors));

        // alpha and bravo fit one query, llama the next; the first chunk's three counters are read before the second
        // chunk's, so its token rates are reduced (and let go of) before the next chunk's arrive.
        string[] counters = [VllmUsageSource.PromptTokens, VllmUsageSource.GenerationTokens, VllmUsageSource.RequestSuccess];
        var sent = server.Requests.Skip(before).Select(r => Uri.UnescapeDataString(r.Body.Replace('+', ' '))).ToList();
        Assert.Equal([.. counters, .. counters], sent.Select(body => counters.Single(c => body.Contains(c + "{", StringComparison.Ordinal))));
        Assert.All(sent.Take(3), body => Assert.Contains("alpha|bravo", body, StringComparison.Ordinal));
        Assert.All(sent.Skip(3), body => Assert.DoesNotContain("alpha", body, StringComparison.Ordinal));
        // The same figures to the last bit, the 95th-percentile token rates included.
        Assert.Equal(whole.Facts, split.Facts);
        Assert.All(split.Facts.Where(f => f.Day == Day), f => Assert.NotNull(f.P95TokensPerSecond));
    }

    [Fact]
    public async Task AQueryTheServerRefuses_IsHalvedUntilTheSelectorAtFaultStandsAlone_AndOnlyItFails()
    {
        await using var server = await SeriesServer.StartAsync(Fleet(), failWith: query => SeriesServer.Selected(query, "model_name").Contains("bravo") ? 422 : null);
        var source = new DcgmUtilizationSource("prom", Client(server), HourlyStep, _harness.Logger);

        var result = await source.GetDailyUtilizationAsync(new SelfHostedQuery(TwoDays, [.. Selectors.Select(s => new SelfHostedSelector(s))]));

        // All three (refused), alpha alone, bravo + llama (refused), bravo alone (refused), llama alone.
        Assert.Equal(5, server.Requests.Count);
        var failure = Assert.Single(result.Failures);
        Assert.Equal(Selectors[1], failure.Subject);
        Assert.Contains("HTTP 422", failure.Message, StringComparison.Ordinal);
        Assert.Equal([Selectors[0], Selectors[2]], result.Facts.Select(f => f.LabelSelector).Distinct());
    }

    [Fact]
    public async Task WhenEverySelectorFails_TheSourceFails()
    {
        await using var server = await SeriesServer.StartAsync(Fleet(), failWith: _ => 503);
        var source = new DcgmUtilizationSource("prom", Client(server), HourlyStep, _harness.Logger);

        var error = await Assert.ThrowsAsync<TelemetrySourceException>(() =>
            source.GetDailyUtilizationAsync(new SelfHostedQuery(TwoDays, [.. Selectors.Select(s => new SelfHostedSelector(s))])));

        Assert.Equal(503, error.Status);
    }

    /// <summary>
    /// Three deployments, two replicas each, over two days: alpha's first replica restarts at 10:00 on the first day,
    /// bravo's second replica misses hours 05-07, llama's has an extra finish-reason series for requests.
    /// </summary>
    private static Dictionary<string, JsonObject[]> Fleet()
    {
        static (DateTimeOffset At, double? Value)[] TwoDaysOf(Func<int, double?> valueOfHour) =>
            [.. PrometheusPayload.Hourly(valueOfHour), .. PrometheusPayload.Hourly(h => valueOfHour(24 + h), Day.AddDays(1)).Skip(1)];
        static Dictionary<string, string> Labels(string model, int replica, string? reason = null)
        {
            var labels = new Dictionary<string, string> { ["model_name"] = model, ["job"] = "vllm", ["instance"] = $"{model}-{replica}:8000" };
            if (reason is not null)
            {
                labels["finished_reason"] = reason;
            }
            return labels;
        }
        JsonObject[] Counter(double scale) =>
        [
            PrometheusPayload.Series(Labels("alpha", 0), TwoDaysOf(h => scale * (h < 10 ? 1000 * h : 500 * (h - 9)))),
            PrometheusPayload.Series(Labels("alpha", 1), TwoDaysOf(h => scale * 100 * h)),
            PrometheusPayload.Series(Labels("bravo", 0), TwoDaysOf(h => scale * 70 * h)),
            PrometheusPayload.Series(Labels("bravo", 1), TwoDaysOf(h => h is 5 or 6 or 7 ? null : scale * 30 * h)),
            PrometheusPayload.Series(Labels("llama-3.1", 0), TwoDaysOf(h => scale * 11 * h)),
            PrometheusPayload.Series(Labels("llama-3.1", 1), TwoDaysOf(h => scale * 13 * h)),
        ];
        return new Dictionary<string, JsonObject[]>
        {
            [VllmUsageSource.PromptTokens] = Counter(1),
            [VllmUsageSource.GenerationTokens] = Counter(0.25),
            [VllmUsageSource.RequestSuccess] = [.. Counter(0.01), PrometheusPayload.Series(Labels("llama-3.1", 0, "length"), TwoDaysOf(h => h))],
            [DcgmUtilizationSource.GpuUtilization] =
            [
                PrometheusPayload.Series(Labels("alpha", 0), TwoDaysOf(h => 50)),
                PrometheusPayload.Series(Labels("alpha", 1), TwoDaysOf(h => h % 2 == 0 ? 20 : 30)),
                PrometheusPayload.Series(Labels("bravo", 0), TwoDaysOf(h => 40)),
                PrometheusPayload.Series(Labels("bravo", 1), TwoDaysOf(h => 80)),
                PrometheusPayload.Series(Labels("llama-3.1", 0), TwoDaysOf(h => 99.5)),
            ],
        };
    }

    private PrometheusClient Client(LoopbackServer server, PrometheusQueryLimits? limits = null) =>
        new("prom", server.BaseUri, _harness.Pipeline(server, "prom"), PrometheusHttpMethod.Post, _harness.Logger, limits);
}
