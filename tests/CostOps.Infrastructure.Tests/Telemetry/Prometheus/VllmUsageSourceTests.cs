using System.Text.Json.Nodes;
using CostOps.Application.Telemetry;
using CostOps.Domain.Time;
using CostOps.Infrastructure.Prometheus;
using CostOps.TestSupport;

namespace CostOps.Infrastructure.Tests.Telemetry.Prometheus;

public sealed class VllmUsageSourceTests
{
    private static readonly DateOnly Day = PrometheusPayload.Day;
    private static readonly TimeSpan HourlyStep = TimeSpan.FromHours(1);
    private static readonly Dictionary<string, string> Engine0 = new() { ["model_name"] = "llama-ft", ["engine"] = "0" };
    private static readonly Dictionary<string, string> Engine1 = new() { ["model_name"] = "llama-ft", ["engine"] = "1" };

    private readonly TelemetryHarness _harness = new();

    [Fact]
    public async Task DailyIncrease_SumsPositiveDeltas_AndTreatsADropAsARestartFromZero()
    {
        await using var server = await Serve(metric => metric switch
        {
            VllmUsageSource.PromptTokens =>
            [
                // engine 0 restarts at 10:00: 9,000 before, 500 right after the restart, then +500 an hour up to 7,500.
                PrometheusPayload.Series(Engine0, PrometheusPayload.Hourly(h => h < 10 ? 1000 * h : 500 * (h - 9))),
                PrometheusPayload.Series(Engine1, PrometheusPayload.Hourly(h => 100 * h)),
            ],
            VllmUsageSource.GenerationTokens => [PrometheusPayload.Series(Engine0, PrometheusPayload.Hourly(h => 50 * h))],
            _ =>
            [
                PrometheusPayload.Series(new Dictionary<string, string>(Engine0) { ["finished_reason"] = "stop" }, PrometheusPayload.Hourly(h => 2 * h)),
                PrometheusPayload.Series(new Dictionary<string, string>(Engine0) { ["finished_reason"] = "length" }, PrometheusPayload.Hourly(h => h)),
            ],
        });

        var fact = Assert.Single((await CreateSource(server).GetDailyUsageAsync(new SelfHostedQuery(DayRange.OneDay(Day), "model_name=\"llama-ft\""))).Facts);

        Assert.Equal(9_000 + 500 + 7_000 + 2_400, fact.InputTokens);
        Assert.Equal(1_200, fact.OutputTokens);
        Assert.Equal(72, fact.Requests);
        Assert.Equal(Completeness.Full(72), fact.Completeness);
        Assert.Equal((18_900 + 1_200) / 86_400d, fact.AverageTokensPerSecond!.Value, 9);
        // 15 slots at 650 tokens/h and 9 at 1,150 tokens/h: the 23rd of 24 sorted rates is a 1,150 one.
        Assert.Equal(1_150 / 3_600d, fact.P95TokensPerSecond!.Value, 9);
    }

    [Fact]
    public async Task MissingSamples_LowerCompleteness_AndADayWithoutSamplesIsNull()
    {
        var day2 = Day.AddDays(1);
        await using var server = await Serve(_ =>
            [PrometheusPayload.Series(Engine0, PrometheusPayload.Hourly(h => h is 5 or 6 or 7 ? null : 10 * h))]);

        var result = await CreateSource(server).GetDailyUsageAsync(new SelfHostedQuery(new DayRange(Day, day2), string.Empty));

        var first = result.Facts[0];
        Assert.Equal(240, first.InputTokens);
        Assert.Equal(new Completeness(72, 63), first.Completeness);
        var second = result.Facts[1];
        Assert.Equal(day2, second.Day);
        Assert.Null(second.InputTokens);
        Assert.Null(second.OutputTokens);
        Assert.Null(second.Requests);
        Assert.Null(second.AverageTokensPerSecond);
        Assert.Null(second.P95TokensPerSecond);
        // Only the sample at the second midnight arrived for day 2.
        Assert.Equal(new Completeness(72, 3), second.Completeness);
    }

    [Fact]
    public async Task Queries_AreRawCounterSelectorsPostedAsAForm_OverTheWholeDayIncludingTheNextMidnight()
    {
        await using var server = await Serve(_ => []);

        await CreateSource(server).GetDailyUsageAsync(new SelfHostedQuery(DayRange.OneDay(Day), "model_name=\"llama-ft\""));

        Assert.Equal(3, server.Requests.Count);
        var sent = server.Requests[0];
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/api/v1/query_range", sent.PathAndQuery);
        Assert.Equal("application/x-www-form-urlencoded", sent.Header("Content-Type"));
        Assert.Equal(
            "query=vllm%3Aprompt_tokens_total%7Bmodel_name%3D%22llama-ft%22%7D&start=1735689600&end=1735776000&step=3600",
            sent.Body);
        Assert.Null(sent.Header("Authorization"));
    }

    [Fact]
    public async Task LongWindows_AreSplitIntoQueriesOfAtMost11000Points()
    {
        await using var server = await Serve(_ => []);
        var source = new VllmUsageSource("prom", Client(server), TimeSpan.FromMinutes(1), _harness.Logger);

        var result = await source.GetDailyUsageAsync(new SelfHostedQuery(new DayRange(Day, Day.AddDays(9)), string.Empty));

        // 1,440 points a day: 7 days per query, so 2 queries per counter.
        Assert.Equal(6, server.Requests.Count);
        Assert.Equal(10, result.Facts.Count);
        Assert.All(result.Facts, f => Assert.Equal(0, f.Completeness.Ratio));
    }

    private static Task<LoopbackServer> Serve(Func<string, JsonObject[]> seriesOf) =>
        LoopbackServer.StartAsync(async context =>
        {
            var parameters = await PrometheusPayload.Parameters(context);
            var metric = parameters["query"].Split('{')[0];
            var series = seriesOf(metric).Select(s =>
            {
                // Answer only what the window asks for.
                var kept = new JsonArray();
                foreach (var pair in s["values"]!.AsArray())
                {
                    var at = DateTimeOffset.FromUnixTimeSeconds(pair![0]!.GetValue<long>());
                    if (PrometheusPayload.Within(parameters, [(at, 0d)]).Any())
                    {
                        kept.Add(pair.DeepClone());
                    }
                }
                return new JsonObject { ["metric"] = s["metric"]!.DeepClone(), ["values"] = kept };
            });
            await LoopbackReplies.Json(context, PrometheusPayload.Matrix([.. series]));
        }, https: false);

    private PrometheusClient Client(LoopbackServer server) =>
        new("prom", server.BaseUri, _harness.Pipeline(server, "prom"), PrometheusHttpMethod.Post, _harness.Logger);

    private VllmUsageSource CreateSource(LoopbackServer server) => new("prom", Client(server), HourlyStep, _harness.Logger);
}
