using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace CostOps.Reliability.Tests.Fuzz;

/// <summary>
/// Property-based fuzzing of every HTTP endpoint through the real worker (FsCheck; FsCheck.Xunit is not obtainable, so
/// properties run through <c>Check.One</c>): every answer is a 2xx, or a 4xx RFC 9457 problem whose <c>errors</c> name a
/// field; never a 5xx, never a hang; and the reads and the what-if leave the stored data as it was.
/// </summary>
public sealed class HttpFuzzTests(ApiWorker worker, ITestOutputHelper output) : IClassFixture<ApiWorker>, IAsyncLifetime
{
    private const int Cases = 150;

    private static readonly TimeSpan s_hang = TimeSpan.FromSeconds(20);

    private static readonly string[] s_contentTypes = ["application/json", "application/json; charset=utf-8", "text/plain", "application/xml", "application/x-www-form-urlencoded", ""];

    private readonly ConcurrentQueue<string> _failures = new();
    private IReadOnlyList<string> _before = [];

    public async Task InitializeAsync() => _before = await worker.SnapshotAsync();

    public Task DisposeAsync()
    {
        worker.FlushLogTo(output);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task BreakEven_AnswersEveryMalformedBody_WithAProblemNamingAField_AndStoresNothing()
    {
        Check(Gen.Zip(AdversarialInputs.Bodies("traffic", "api", "selfHosted", "workloadId", "asOf", "sensitivity"), Gen.Elements(s_contentTypes)),
            input => Post("/api/breakeven", input.Item1, input.Item2));
        Assert.Equal(_before, await worker.SnapshotAsync());
    }

    [Fact]
    public async Task BreakEven_NestedScenarioFields_AnswerAProblemNamingAField_AndStoreNothing()
    {
        var nested =
            from section in Gen.Elements("traffic", "api", "selfHosted")
            from field in Gen.Elements("requestsPerMonth", "inputTokensPerRequest", "outputTokensPerRequest", "inputPerMTok", "outputPerMTok", "model",
                "gpuHourly", "gpuSku", "region", "instances", "tokensPerSecondPerInstance", "targetUtilization", "peakToAverage")
            from value in AdversarialInputs.Value
            select new FuzzBody($"{section}.{field}", System.Text.Encoding.UTF8.GetBytes(
                $$$"""{"workloadId":"triage","asOf":"{{{DateTime.UtcNow.AddDays(-2):yyyy-MM-dd}}}","{{{section}}}":{"{{{field}}}":{{{value}}}}}"""));
        Check(nested, body => Post("/api/breakeven", body, "application/json"));
        Assert.Equal(_before, await worker.SnapshotAsync());
    }

    [Fact]
    public async Task AutopilotPlan_AnswersEveryMalformedBody_WithAProblemNamingAField_AndStoresNothing()
    {
        Check(Gen.Zip(AdversarialInputs.Bodies("workloadIds"), Gen.Elements(s_contentTypes)), input => Post("/api/autopilot/plan", input.Item1, input.Item2));
        Assert.Equal(_before, await worker.SnapshotAsync());
    }

    [Fact]
    public void Recalculate_AnswersEveryMalformedBody_WithAProblemNamingAField_OrRunsWhenItIsValid()
    {
        // The one endpoint that writes: a body that happens to be valid ({} is) recalculates, so only the answers are checked.
        Check(Gen.Zip(AdversarialInputs.Bodies("workloadIds", "from", "to"), Gen.Elements(s_contentTypes)), input => Post("/api/tco/recalculate", input.Item1, input.Item2));
    }

    [Fact]
    public async Task EveryRead_AnswersEveryMalformedQuery_WithAProblemNamingAField_AndStoresNothing()
    {
        var reads =
            from endpoint in Gen.Elements(
                ("/api/tco/triage", new[] { "from", "to" }),
                ("/api/runs", new[] { "job", "top" }),
                ("/api/decisions", new[] { "workloadId", "since", "top" }),
                ("/api/digest/preview", new[] { "week" }),
                ("/api/workloads", new[] { "top" }),
                ("/api/health", new[] { "x" }),
                ("/api/version", new[] { "x" }),
                ("/api/openapi.json", new[] { "x" }))
            from query in AdversarialInputs.Queries(endpoint.Item2)
            select endpoint.Item1 + query;
        Check(reads, Get);
        Assert.Equal(_before, await worker.SnapshotAsync());
    }

    [Fact]
    public async Task TcoRead_AnswersEveryOddWorkloadId_WithAProblemNamingAField_AndStoresNothing()
    {
        Check(AdversarialInputs.Segments, segment => Get("/api/tco/" + segment));
        Assert.Equal(_before, await worker.SnapshotAsync());
    }

    /// <summary>What fuzzing found (each was a 500, or a broken pipe at the host), kept as fixed cases.</summary>
    [Theory]
    [InlineData("POST", "/api/tco/recalculate", "{\"to\":\"\u00c3\"}", "application/json", "body")]
    [InlineData("POST", "/api/breakeven", "{\"workloadId\":\"\\ud800\"}", "application/json", "workloadId")]
    [InlineData("GET", "/api/tco/triage?to=0001-01-01", "", "", null)]
    [InlineData("POST", "/api/autopilot/plan", "1 MiB of text", "text/plain", "Content-Type")]
    public async Task WhatFuzzingFound_IsAnsweredWithoutA5xx(string method, string path, string body, string contentType, string? field)
    {
        byte[] bytes = body switch
        {
            "1 MiB of text" => System.Text.Encoding.ASCII.GetBytes(new string('x', AdversarialInputs.MiB + 4096)),
            // U+00C3 stands for the lone byte 0xC3 (invalid UTF-8): sent as that one byte, not as its UTF-8 encoding.
            _ => [.. body.Select(c => c == '\u00c3' ? (byte)0xc3 : (byte)c)],
        };
        var problem = method == "GET" ? await Get(path) : await Post(path, new FuzzBody("found", bytes), contentType);

        Assert.Null(problem);
        if (field is not null)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            using var response = await worker.Emulator.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode is >= 400 and < 500, text);
            Assert.Contains($"\"{field}\"", text, StringComparison.Ordinal);
        }
    }

    private void Check<T>(Gen<T> inputs, Func<T, Task<string?>> answer)
    {
        var property = Prop.ForAll(Arb.From(inputs), input =>
        {
            var problem = answer(input).GetAwaiter().GetResult();
            if (problem is not null)
            {
                _failures.Enqueue($"{input}: {problem}");
            }
            return problem is null;
        });
        try
        {
            property.Check(Config.QuickThrowOnFailure.WithMaxTest(Cases));
        }
        finally
        {
            foreach (var failure in _failures.Take(10))
            {
                output.WriteLine(failure);
            }
        }
    }

    private Task<string?> Post(string path, FuzzBody body, string contentType)
    {
        var content = new ByteArrayContent(body.Bytes);
        if (contentType.Length > 0)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content });
    }

    private Task<string?> Get(string pathAndQuery) => SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(pathAndQuery, UriKind.Relative)));

    /// <summary>Null when the answer is acceptable, else what is wrong with it.</summary>
    private async Task<string?> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var timeout = new CancellationTokenSource(s_hang);
            HttpResponseMessage response;
            try
            {
                response = await worker.Emulator.Client.SendAsync(request, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                return $"no answer within {s_hang.TotalSeconds} s";
            }
            using (response)
            {
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                if (status >= 500)
                {
                    return $"{status}: {Shorten(body)}";
                }
                if (status < 400)
                {
                    return null;
                }
                if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    return $"{status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}: {Shorten(body)}";
                }
                try
                {
                    using var problem = JsonDocument.Parse(body);
                    var named = problem.RootElement.TryGetProperty("errors", out var errors)
                        && errors.ValueKind == JsonValueKind.Object
                        // A field may be named by the empty key the caller sent ({"": 1} is refused as "": unknown field).
                        && errors.EnumerateObject().Any(e => e.Value.GetArrayLength() > 0);
                    return named ? null : $"{status} names no field: {Shorten(body)}";
                }
                catch (JsonException ex)
                {
                    return $"{status} with a problem that is not JSON ({ex.Message}): {Shorten(body)}";
                }
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + "...";
}
