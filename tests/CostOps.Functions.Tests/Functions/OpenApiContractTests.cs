using System.Net;
using System.Text.Json;
using CostOps.Functions.Tests.Api;
using CostOps.TestSupport;
using Xunit.Abstractions;

namespace CostOps.Functions.Tests.Functions;

/// <summary>
/// docs/openapi.json is the HTTP contract, maintained by hand (the functions are HTTP triggers, not ASP.NET
/// Core endpoints, so nothing generates it). It must describe exactly the app's HTTP functions, with their
/// routes, methods and keys, and the shapes the worker really answers.
/// </summary>
[Collection(ApiWorkerFixture.CollectionName)]
public sealed class OpenApiContractTests(ApiWorkerFixture api, ITestOutputHelper output) : IDisposable
{
    public static string CheckedInPath => RepositoryRoot.Combine("docs", "openapi.json");

    private static readonly JsonElement s_document = Load();

    public void Dispose() => api.App.FlushLogTo(output);

    [Fact]
    public void EveryHttpFunction_IsAnOperationOfTheDocument_AndEveryOperationAFunction()
    {
        var functions = FunctionEntry.All().Where(f => f.IsHttp)
            .SelectMany(f => f.Methods.Select(m => $"{m} /api/{f.Route}"))
            .Order(StringComparer.Ordinal);
        var operations = Operations().Select(o => $"{o.Method} {o.Path}").Order(StringComparer.Ordinal);

        Assert.Equal(functions, operations);
    }

    [Fact]
    public void OperationsAskForAFunctionKey_ExactlyWhenTheFunctionDoes()
    {
        var functions = FunctionEntry.All().Where(f => f.IsHttp).ToDictionary(f => $"/api/{f.Route}");
        foreach (var (path, method, operation) in Operations())
        {
            var needsKey = operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
            Assert.True(
                needsKey == (functions[path].AuthLevel == "function"),
                $"{method} {path}: the document {(needsKey ? "asks for" : "does not ask for")} a key, the function is {functions[path].AuthLevel}");
        }
    }

    [Theory]
    [InlineData("/api/workloads", "WorkloadsResponse")]
    [InlineData("/api/runs", "RunsResponse")]
    [InlineData("/api/health", "HealthReport")]
    [InlineData("/api/tco/triage?from=2026-03-01&to=2026-03-10", "TcoRangeResponse")]
    [InlineData("/api/decisions", "DecisionsResponse")]
    [InlineData("/api/version", "AppVersion")]
    public async Task A200Answer_HasExactlyThePropertiesItsSchemaNames(string path, string schema)
    {
        using var response = await api.Client.GetAsync(path);
        var answer = await ApiAssert.OkJsonAsync(response);

        Assert.Equal(SchemaProperties(schema), answer.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AProblemAnswer_HasThePropertiesOfTheDocumentsValidationProblem()
    {
        using var response = await api.Client.GetAsync("/api/runs?top=0");
        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "top");

        Assert.Empty(problem.EnumerateObject().Select(p => p.Name).Except(SchemaProperties("HttpValidationProblemDetails").Append("traceId")));
    }

    [Fact]
    public async Task TheServedDocument_IsTheCheckedInOne()
    {
        using var response = await api.Client.GetAsync("/api/openapi.json");
        var served = await ApiAssert.OkJsonAsync(response);

        Assert.True(JsonElement.DeepEquals(s_document, served), "GET /api/openapi.json differs from docs/openapi.json (rebuild the app)");
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations() =>
        s_document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (path.Name, op.Name.ToUpperInvariant(), op.Value)));

    private static IEnumerable<string> SchemaProperties(string schema) =>
        s_document.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties")
            .EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);

    private static JsonElement Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(CheckedInPath));
        return document.RootElement.Clone();
    }
}
