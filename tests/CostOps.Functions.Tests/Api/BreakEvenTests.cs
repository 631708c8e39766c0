using System.Net;
using System.Text.Json.Nodes;
using CostOps.Cli;
using CostOps.TestSupport;
using Xunit.Abstractions;

namespace CostOps.Functions.Tests.Api;

/// <summary><c>POST /api/breakeven</c> through the worker, against the CLI run in-process.</summary>
[Collection(ApiWorkerFixture.CollectionName)]
public sealed class BreakEvenTests(ApiWorkerFixture api, ITestOutputHelper output) : IDisposable
{
    public void Dispose() => api.App.FlushLogTo(output);

    private const string Path = "/api/breakeven";

    public static TheoryData<string> SampleScenarios()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepositoryRoot.Combine("samples", "scenarios"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(System.IO.Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SampleScenarios))]
    public async Task BreakEven_AnswersExactlyWhatTheCliPrints_ForEverySampleScenario(string sample)
    {
        var file = RepositoryRoot.Combine("samples", "scenarios", sample);
        var cli = await CliJsonAsync(file);

        using var response = await api.Client.PostJsonAsync(Path, await File.ReadAllTextAsync(file));
        var http = await BodyAsync(response);

        // Byte for byte once whitespace is gone (numbers keep their exact text through JsonNode).
        Assert.Equal(cli.ToJsonString(), http.ToJsonString());
    }

    [Fact]
    public async Task BreakEven_WithSensitivity_AddsHowBreakEvenMovesForEachFactor()
    {
        var file = RepositoryRoot.Combine("samples", "scenarios", "seed-gpt-5.4.json");
        var scenario = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
        scenario["sensitivity"] = true;

        using var response = await api.Client.PostJsonAsync(Path, scenario.ToJsonString());
        var http = await BodyAsync(response);

        // The CLI's answer is all there, untouched; sensitivity is added next to it.
        var sensitivity = http["sensitivity"]!.AsObject();
        http.Remove("sensitivity");
        Assert.Equal((await CliJsonAsync(file)).ToJsonString(), http.ToJsonString());
        Assert.Equal(0.25m, sensitivity["change"]!.GetValue<decimal>());
        // $730/month for one GPU over $0.01 per request: 73,000 requests/month.
        Assert.Equal(73_000m, sensitivity["baseBreakEvenRequestsPerMonth"]!.GetValue<decimal>());
        var points = sensitivity["points"]!.AsArray().Select(p => (
            Factor: p!["factor"]!.GetValue<string>(),
            Change: p["change"]!.GetValue<decimal>(),
            BreakEven: p["breakEvenRequestsPerMonth"]!.GetValue<decimal>(),
            Moved: p["breakEvenChange"]!.GetValue<decimal>())).ToList();
        Assert.Equal(
            [
                ("apiPrice", -0.25m, 97_333.33m, 0.3333m), ("apiPrice", 0.25m, 58_400m, -0.2m),
                ("gpuPrice", -0.25m, 54_750m, -0.25m), ("gpuPrice", 0.25m, 91_250m, 0.25m),
                ("tokensPerRequest", -0.25m, 97_333.33m, 0.3333m), ("tokensPerRequest", 0.25m, 58_400m, -0.2m),
                // One instance is enough either way, so throughput does not move the break-even here.
                ("throughput", -0.25m, 73_000m, 0m), ("throughput", 0.25m, 73_000m, 0m),
            ],
            points);
    }

    [Fact]
    public async Task BreakEven_FromAWorkload_UsesItsObservedProfile_AndEchoesTheScenario()
    {
        using var response = await api.Client.PostJsonAsync(Path, """{ "workloadId": "triage", "asOf": "2026-03-10" }""");
        var http = await BodyAsync(response);

        var observed = http["observed"]!.AsObject();
        Assert.Equal("2026-03-04", observed["from"]!.GetValue<string>());
        Assert.Equal("2026-03-10", observed["to"]!.GetValue<string>());
        Assert.Equal(6, observed["daysWithRows"]!.GetValue<int>());
        Assert.Equal(6, observed["daysWithDemand"]!.GetValue<int>());
        Assert.Equal("observed", observed["gpuHourlySource"]!.GetValue<string>());
        Assert.Empty(observed["unmeasured"]!.AsArray());
        var scenario = http["scenario"]!.AsObject();
        // 11,000 requests a day (self-hosted + API) over a 30.416667-day month; tokens per self-hosted request; $156 / 24 h.
        Assert.Equal(334_583.33m, scenario["traffic"]!["requestsPerMonth"]!.GetValue<decimal>());
        Assert.Equal(900m, scenario["traffic"]!["inputTokensPerRequest"]!.GetValue<decimal>());
        Assert.Equal(250m, scenario["traffic"]!["outputTokensPerRequest"]!.GetValue<decimal>());
        Assert.Equal(6.5m, scenario["selfHosted"]!["gpuHourly"]!.GetValue<decimal>());
        Assert.Equal(2500m, scenario["selfHosted"]!["tokensPerSecondPerInstance"]!.GetValue<decimal>());
        Assert.Equal(600m, scenario["api"]!["promptOverheadTokensPerRequest"]!.GetValue<decimal>());
        Assert.NotNull(scenario["selfHosted"]!["oneOff"]);
        Assert.NotNull(scenario["quality"]);

        // The answer is the CLI's answer for the echoed scenario.
        http.Remove("observed");
        http.Remove("scenario");
        Assert.Equal((await CliJsonAsync(scenario.ToJsonString())).ToJsonString(), http.ToJsonString());
    }

    [Fact]
    public async Task BreakEven_FromAWorkload_MergesTheOverrides_NullRemovingAField()
    {
        using var response = await api.Client.PostJsonAsync(Path, """
            {
              "workloadId": "triage", "asOf": "2026-03-10",
              "traffic": { "requestsPerMonth": 500000 },
              "selfHosted": { "gpuHourly": null, "gpuSku": "Standard_NC40ads_H100_v5", "region": "eastus", "instances": { "max": 4 } },
              "quality": null
            }
            """);
        var http = await BodyAsync(response);

        var scenario = http["scenario"]!.AsObject();
        Assert.Equal(500_000m, scenario["traffic"]!["requestsPerMonth"]!.GetValue<decimal>());
        Assert.Equal(900m, scenario["traffic"]!["inputTokensPerRequest"]!.GetValue<decimal>());
        var selfHosted = scenario["selfHosted"]!.AsObject();
        Assert.False(selfHosted.ContainsKey("gpuHourly"));
        Assert.Equal("Standard_NC40ads_H100_v5", selfHosted["gpuSku"]!.GetValue<string>());
        Assert.Equal(1, selfHosted["instances"]!["min"]!.GetValue<int>());
        Assert.Equal(4, selfHosted["instances"]!["max"]!.GetValue<int>());
        Assert.False(scenario.ContainsKey("quality"));
        Assert.Null(http["qualityAdjusted"]);
    }

    [Fact]
    public async Task BreakEven_FromAWorkloadWithoutMeasurements_Is400_NamingWhatToGive_ThenAcceptsIt()
    {
        using var missing = await api.Client.PostJsonAsync(Path, """{ "workloadId": "summaries", "asOf": "2026-01-20" }""");

        var problem = await ApiAssert.ProblemAsync(missing, HttpStatusCode.BadRequest, "traffic.requestsPerMonth");
        Assert.Equal(
            ["selfHosted.tokensPerSecondPerInstance", "traffic.inputTokensPerRequest", "traffic.outputTokensPerRequest", "traffic.requestsPerMonth"],
            ApiAssert.ErrorFields(problem));
        Assert.Contains("was not measured for workload 'summaries'", ApiAssert.ErrorMessage(problem, "traffic.requestsPerMonth"), StringComparison.Ordinal);

        using var given = await api.Client.PostJsonAsync(Path, """
            { "workloadId": "summaries", "asOf": "2026-01-20",
              "traffic": { "requestsPerMonth": 200000, "inputTokensPerRequest": 700, "outputTokensPerRequest": 300 },
              "selfHosted": { "tokensPerSecondPerInstance": 1800 } }
            """);
        var http = await BodyAsync(given);
        Assert.Equal("catalog", http["observed"]!["gpuHourlySource"]!.GetValue<string>());
        Assert.Equal(4, http["observed"]!["unmeasured"]!.AsArray().Count);
        Assert.Equal(3.2m, http["scenario"]!["selfHosted"]!["gpuHourly"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task BreakEven_FromAnUnknownWorkload_Is404_NamingIt()
    {
        using var response = await api.Client.PostJsonAsync(Path, """{ "workloadId": "no-such-workload" }""");

        await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound, "workloadId");
    }

    [Theory]
    [InlineData("""{ }""", "traffic")]
    [InlineData("""{ "traffic": { "requestsPerMonth": -5, "inputTokensPerRequest": 100, "outputTokensPerRequest": 10 }, "api": { "inputPerMTok": 1, "outputPerMTok": 2 }, "selfHosted": { "gpuHourly": 1, "tokensPerSecondPerInstance": 100, "targetUtilization": 0.5 } }""", "traffic.requestsPerMonth")]
    [InlineData("""{ "traffic": { "requestsPerMonth": 5, "inputTokensPerRequest": 100, "outputTokensPerRequest": 10 }, "api": { "inputPerMTok": 1, "outputPerMTok": 2 }, "selfHosted": { "gpuHourly": 1, "tokensPerSecondPerInstance": 100, "targetUtilization": 7 } }""", "selfHosted.targetUtilization")]
    [InlineData("""{ "traffic": { "requestsPerMonth": 5, "inputTokensPerRequest": 100, "outputTokensPerRequest": 10 }, "api": { "model": "no-such-model" }, "selfHosted": { "gpuHourly": 1, "tokensPerSecondPerInstance": 100, "targetUtilization": 0.5 } }""", "api.model")]
    [InlineData("""{ "traffic": { "requestsPerMonth": 5, "inputTokensPerRequest": 100, "outputTokensPerRequest": 10 }, "api": { "inputPerMTok": 1, "outputPerMTok": 2 }, "selfHosted": { "gpuHourly": 1, "tokensPerSecondPerInstance": 100, "targetUtilization": 0.5 }, "sensitivity": "yes" }""", "sensitivity")]
    [InlineData("""{ "traffic": { "requestsPerMonth": 5, "inputTokensPerRequest": 100, "outputTokensPerRequest": 10 }, "api": { "inputPerMTok": 1, "outputPerMTok": 2 }, "selfHosted": { "gpuHourly": 1, "tokensPerSecondPerInstance": 100, "targetUtilization": 0.5 }, "asOf": "2026-03-10" }""", "asOf")]
    [InlineData("""{ "traffic": { "requestsPerMonth": 5, "inputTokensPerRequest": 100, "outputTokensPerRequest": 10, "colour": 1 }, "api": { "inputPerMTok": 1, "outputPerMTok": 2 }, "selfHosted": { "gpuHourly": 1, "tokensPerSecondPerInstance": 100, "targetUtilization": 0.5 } }""", "traffic.colour")]
    [InlineData("""{ "workloadId": "triage", "asOf": "10 March" }""", "asOf")]
    [InlineData("""{ "workloadId": "triage", "asOf": "2026-03-10", "selfHosted": { "instances": { "min": 0 } } }""", "selfHosted.instances.min")]
    [InlineData("""[ 1, 2 ]""", "body")]
    [InlineData("""{ "traffic": """, "body")]
    [InlineData("", "body")]
    public async Task BreakEven_WithAnInvalidBody_Is400_NamingTheField(string body, string field)
    {
        using var response = await api.Client.PostJsonAsync(Path, body);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task BreakEven_WithANonJsonBody_Is415()
    {
        using var response = await api.Client.PostJsonAsync(Path, "traffic: lots", "text/plain");

        await ApiAssert.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "Content-Type");
    }

    [Fact]
    public async Task BreakEven_WithABodyOverOneMebibyte_Is413()
    {
        var json = "{ \"description\": \"" + new string('x', (1024 * 1024) + 1) + "\" }";
        using var response = await api.Client.PostJsonAsync(Path, json);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body");
    }

    private static async Task<JsonObject> BodyAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary><c>costops breakeven --scenario FILE --format json</c>, in-process; a JSON text is written to a file first.</summary>
    private static async Task<JsonObject> CliJsonAsync(string fileOrJson)
    {
        var file = fileOrJson;
        var temporary = fileOrJson.TrimStart().StartsWith('{');
        if (temporary)
        {
            file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"costops-scenario-{Guid.NewGuid():N}.json");
            await File.WriteAllTextAsync(file, fileOrJson);
        }
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var exit = await CliApp.RunAsync(["breakeven", "--scenario", file, "--format", "json"], stdout, stderr);
            Assert.True(exit == CliApp.Ok, $"costops breakeven failed ({exit}): {stderr}");
            return JsonNode.Parse(stdout.ToString())!.AsObject();
        }
        finally
        {
            if (temporary)
            {
                File.Delete(file);
            }
        }
    }
}
