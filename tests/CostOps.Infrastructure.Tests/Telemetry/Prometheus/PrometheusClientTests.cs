using CostOps.Application.Telemetry;
using CostOps.Infrastructure.Prometheus;
using CostOps.TestSupport;

namespace CostOps.Infrastructure.Tests.Telemetry.Prometheus;

public sealed class PrometheusClientTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TelemetryHarness _harness = new();

    [Fact]
    public async Task ManagedPrometheus_GetsABearerTokenForItsScope_OverHttps()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, PrometheusPayload.Matrix()));
        var client = new PrometheusClient("amw", server.BaseUri, _harness.Pipeline(server, "amw", PrometheusClient.ManagedPrometheusScope), PrometheusHttpMethod.Get, _harness.Logger);

        await client.QueryRangeAsync("up", Start, Start.AddHours(1), TimeSpan.FromMinutes(5));

        var sent = Assert.Single(server.Requests);
        Assert.Equal("Bearer loopback-token", sent.Header("Authorization"));
        Assert.Equal("/api/v1/query_range?query=up&start=1735689600&end=1735693200&step=300", sent.PathAndQuery);
        Assert.Contains(_harness.Credential.RequestedScopes, s => s.SequenceEqual([PrometheusClient.ManagedPrometheusScope]));
    }

    [Fact]
    public async Task AnEndpointWithAPathPrefix_KeepsIt()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, PrometheusPayload.Matrix()), https: false);
        var client = new PrometheusClient("prom", new Uri(server.BaseUri, "prometheus/"), _harness.Pipeline(server, "prom"), PrometheusHttpMethod.Get, _harness.Logger);

        await client.QueryRangeAsync("up", Start, Start.AddHours(1), TimeSpan.FromMinutes(5));

        Assert.StartsWith("/prometheus/api/v1/query_range?", Assert.Single(server.Requests).PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusError_FailsWithTheSourceNameAndThePrometheusError()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, Fixture.Text("Prometheus/error-bad-data.json"), 400), https: false);

        var error = await Assert.ThrowsAsync<TelemetrySourceException>(() => Client(server).QueryRangeAsync("up{", Start, Start.AddHours(1), TimeSpan.FromMinutes(5)));

        Assert.Equal("prom", error.SourceName);
        Assert.Equal(400, error.Status);
        Assert.Contains("Source 'prom' (Prometheus query_range)", error.Message, StringComparison.Ordinal);
        Assert.Contains("bad_data: invalid parameter", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task StatusErrorWithHttp200_IsStillAnError()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, Fixture.Text("Prometheus/error-bad-data.json")), https: false);

        var error = await Assert.ThrowsAsync<TelemetrySourceException>(() => Client(server).QueryRangeAsync("up", Start, Start.AddHours(1), TimeSpan.FromMinutes(5)));

        Assert.Contains("answered status 'error': bad_data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVectorWhereAMatrixIsDue_IsAClearError()
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, Fixture.Text("Prometheus/vector-instead-of-matrix.json")), https: false);

        var error = await Assert.ThrowsAsync<TelemetrySourceException>(() => Client(server).QueryRangeAsync("up", Start, Start.AddHours(1), TimeSpan.FromMinutes(5)));

        Assert.Contains("Source 'prom'", error.Message, StringComparison.Ordinal);
        Assert.Contains("resultType 'vector'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1735689600, 87.4]]}]}}""")]
    [InlineData("""{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1735689600,"eighty"]]}]}}""")]
    [InlineData("""{"status":"success"}""")]
    [InlineData("""{"status":"success","data":{"resultType":"matrix","result":[""")]
    [InlineData("""<html>proxy error</html>""")]
    public async Task AMalformedBody_FailsNamingTheSource_WithNoPartialResult(string body)
    {
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, body), https: false);

        var error = await Assert.ThrowsAsync<TelemetrySourceException>(() => Client(server).QueryRangeAsync("up", Start, Start.AddHours(1), TimeSpan.FromMinutes(5)));

        Assert.Contains("Source 'prom' (Prometheus query_range) returned a malformed body", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttling_IsRetriedAfterRetryAfter()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(context => Interlocked.Increment(ref calls) == 1
            ? LoopbackReplies.Status(context, 429, ("Retry-After", "3"))
            : LoopbackReplies.Json(context, PrometheusPayload.Matrix()), https: false);

        await Client(server).QueryRangeAsync("up", Start, Start.AddHours(1), TimeSpan.FromMinutes(5));

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(3)], _harness.Time.Delays);
    }

    [Fact]
    public async Task AServerErrorThenSuccess_IsRetried()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(context => Interlocked.Increment(ref calls) == 1
            ? LoopbackReplies.Status(context, 502)
            : LoopbackReplies.Json(context, PrometheusPayload.Matrix()), https: false);

        var series = await Client(server).QueryRangeAsync("up", Start, Start.AddHours(1), TimeSpan.FromMinutes(5));

        Assert.Empty(series);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task ABodyCutOffMidway_IsRetried_AndTheWholeAnswerRead()
    {
        // Large enough to span many reads of the pooled buffer.
        var matrix = PrometheusPayload.Matrix([.. Enumerable.Range(0, 4).Select(i => PrometheusPayload.Series(
            new Dictionary<string, string> { ["instance"] = $"vm-{i}" },
            Enumerable.Range(0, 10_081).Select(m => (Start.AddMinutes(m), (double?)m))))]);
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(matrix);
                context.Response.ContentLength = bytes.Length;
                await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
                await context.Response.Body.FlushAsync();
                context.Abort();
                return;
            }
            await LoopbackReplies.Json(context, matrix);
        }, https: false);

        var series = await Client(server).QueryRangeAsync("up", Start, Start.AddDays(7), TimeSpan.FromMinutes(1));

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(4, series.Count);
        Assert.All(series, s => Assert.Equal(10_081, s.Samples.Count));
        Assert.Equal(10_080d, series[3].Samples[^1].Value);
    }

    [Theory]
    [InlineData("""[[1735689600, 87.4]]""", "a sample is not a [unixSeconds, \"value\"] pair.")]
    [InlineData("""[[1735689600, "87.4", "extra"]]""", "a sample is not a [unixSeconds, \"value\"] pair.")]
    [InlineData("""[[1735689600,"eighty"]]""", "a sample value 'eighty' is not a number.")]
    public async Task AMalformedSample_IsNamedInTheError(string values, string expected)
    {
        var body = $$$"""{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":{{{values}}}}]}}""";
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, body), https: false);

        var error = await Assert.ThrowsAsync<TelemetrySourceException>(() => Client(server).QueryRangeAsync("up", Start, Start.AddHours(1), TimeSpan.FromMinutes(5)));

        Assert.StartsWith($"Source 'prom' (Prometheus query_range) returned a malformed body: {expected}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infinities_AreDropped_AndSamplesOutOfOrderAreSorted()
    {
        const string body = """
            {"status":"success","data":{"resultType":"matrix","result":[{"metric":{"job":"vllm"},"values":[
              [1735689720,"3"],[1735689600,"1"],[1735689660,"+Inf"],[1735689690,"NaN"],[1735689780,"\u0034"]]}]}}
            """;
        await using var server = await LoopbackServer.StartAsync(context => LoopbackReplies.Json(context, body), https: false);

        var series = Assert.Single(await Client(server).QueryRangeAsync("up", Start, Start.AddHours(1), TimeSpan.FromMinutes(1)));

        Assert.Equal("vllm", series.Labels["job"]);
        Assert.Equal([(Start, 1d), (Start.AddMinutes(2), 3d), (Start.AddMinutes(3), 4d)], series.Samples.Select(s => (s.At, s.Value)));
    }

    private PrometheusClient Client(LoopbackServer server) =>
        new("prom", server.BaseUri, _harness.Pipeline(server, "prom"), PrometheusHttpMethod.Post, _harness.Logger);
}
