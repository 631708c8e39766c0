using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CostOps.Functions.Tests.Api;
using CostOps.TestSupport;
using Xunit.Abstractions;

namespace CostOps.Functions.Tests.Functions;

/// <summary>
/// docs/openapi.json is exact: real answers of every endpoint through the emulator (successes and every error a
/// caller can cause) have a status code and media type the document lists for the operation and validate against its
/// schemas; every query parameter sent is declared; every body the server accepted validates against the request
/// schema. Upstream failures (502/503) are checked where they are caused (<see cref="UpstreamFailureTests"/>,
/// <see cref="TelemetryFailureTests"/>).
/// </summary>
[Collection(ApiWorkerFixture.CollectionName)]
public sealed class OpenApiExchangeTests(ApiWorkerFixture api, ITestOutputHelper output) : IDisposable
{
    /// <summary>A body of this text is the seed scenario of samples/scenarios.</summary>
    private const string SeedScenario = "@seed";

    /// <summary>A body of this text is a JSON object just over the 1 MiB limit.</summary>
    private const string OverOneMiB = "@large";

    internal static readonly OpenApiContract Contract = Load();

    public void Dispose() => api.App.FlushLogTo(output);

    /// <summary>method, path and query, body (null: none), Accept or Content-Type override, expected status.</summary>
    public static TheoryData<string, string, string?, string?, int> Exchanges => new()
    {
        { "GET", "/api/workloads", null, null, 200 },
        { "GET", "/api/runs", null, null, 200 },
        { "GET", "/api/runs?job=NightlyTco&top=2", null, null, 200 },
        { "GET", "/api/runs?top=0", null, null, 400 },
        { "GET", "/api/health", null, null, 200 },
        { "GET", "/api/version", null, null, 200 },
        { "GET", "/api/openapi.json", null, null, 200 },
        { "GET", "/api/tco/triage?from=2026-03-01&to=2026-03-10", null, null, 200 },
        { "GET", "/api/tco/triage", null, null, 200 },
        { "GET", "/api/tco/triage?from=2026-3-1", null, null, 400 },
        { "GET", "/api/tco/no-such-workload", null, null, 404 },
        { "GET", "/api/decisions", null, null, 200 },
        { "GET", "/api/decisions?workloadId=triage&since=2026-03-01&top=5", null, null, 200 },
        { "GET", "/api/decisions?since=yesterday", null, null, 400 },
        { "POST", "/api/autopilot/plan", null, null, 200 },
        { "POST", "/api/autopilot/plan", """{ "workloadIds": ["triage"] }""", null, 200 },
        { "POST", "/api/autopilot/plan", """{ "workloadIds": [] }""", null, 400 },
        { "POST", "/api/autopilot/plan", "workloadIds=triage", "text/plain", 415 },
        { "POST", "/api/autopilot/plan", OverOneMiB, null, 413 },
        { "POST", "/api/breakeven", SeedScenario, null, 200 },
        { "POST", "/api/breakeven", """{ "workloadId": "triage", "asOf": "2026-03-10", "sensitivity": true }""", null, 200 },
        { "POST", "/api/breakeven", """{ "workloadId": "no-such-workload" }""", null, 404 },
        { "POST", "/api/breakeven", """{ "traffic": { "requestsPerMonth": "many" } }""", null, 400 },
        { "POST", "/api/breakeven", null, null, 400 },
        { "POST", "/api/tco/recalculate", """{ "workloadIds": ["quiet"], "from": "2026-06-10", "to": "2026-06-11" }""", null, 200 },
        { "POST", "/api/tco/recalculate", """{ "from": "2026-01-01", "to": "2026-03-01", "workloadIds": ["quiet"] }""", null, 422 },
        { "POST", "/api/tco/recalculate", """{ "from": "March" }""", null, 400 },
        { "POST", "/api/tco/recalculate", "[1]", "application/xml", 415 },
        { "GET", "/api/digest/preview?week=2026-W10", null, "application/json", 200 },
        { "GET", "/api/digest/preview", null, "text/html", 200 },
        { "GET", "/api/digest/preview", null, "image/png", 406 },
        { "GET", "/api/digest/preview?week=2026-10", null, null, 400 },
        { "GET", "/api/export/focus?from=2026-03-01&to=2026-03-10", null, null, 200 },
        { "GET", "/api/export/focus?from=2026-03-01&to=2026-03-10&workload=triage&workload=quiet", null, null, 200 },
        { "GET", "/api/export/focus?from=2026-03-01", null, null, 400 },
        { "GET", "/api/export/focus?from=2026-03-01&to=2026-03-10&workload=no-such-workload", null, null, 404 },
        { "GET", "/api/export/focus?from=2025-01-01&to=2026-03-10", null, null, 422 },
    };

    [Theory]
    [MemberData(nameof(Exchanges))]
    public async Task TheAnswer_IsOneTheDocumentDescribes(string method, string pathAndQuery, string? body, string? mediaType, int expected)
    {
        var json = body switch
        {
            SeedScenario => await File.ReadAllTextAsync(RepositoryRoot.Combine("samples", "scenarios", "seed-gpt-5.4.json")),
            OverOneMiB => $$"""{ "padding": "{{new string('x', 1024 * 1024)}}" }""",
            _ => body,
        };
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(pathAndQuery, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, method == "POST" && mediaType is not null ? mediaType : "application/json");
        }
        if (method == "GET" && mediaType is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        }

        using var response = await api.Client.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode == expected, $"expected {expected}, got {(int)response.StatusCode}: {Shorten(answer)}");
        var problems = Contract.Check(method, pathAndQuery, body == OverOneMiB ? null : json, expected, response.Content.Headers.ContentType?.MediaType, answer);
        Assert.True(problems.Count == 0, $"{method} {pathAndQuery} -> {expected}:\n{string.Join("\n", problems)}\n{Shorten(answer)}");
    }

    private static string Shorten(string text) => text.Length > 600 ? text[..600] + "..." : text;

    private static OpenApiContract Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(OpenApiContractTests.CheckedInPath));
        return new OpenApiContract(document.RootElement.Clone());
    }
}
