using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace CostOps.FunctionsHost.Tests;

public sealed class HttpInvocationTests(SampleAppFixture fixture, ITestOutputHelper output) : IClassFixture<SampleAppFixture>, IDisposable
{
    private HttpClient Client => fixture.Emulator.Client;

    public void Dispose() => fixture.FlushLogTo(output);

    [Fact]
    public async Task Get_ReachesTheFunction_WithRouteValueQueryAndHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/items/widget-7?q=blue");
        request.Headers.Add("x-client", "tests");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var item = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("widget-7", item.GetProperty("id").GetString());
        Assert.Equal("blue", item.GetProperty("query").GetString());
        Assert.Equal("tests", item.GetProperty("client").GetString());
        Assert.Contains("GetItem asked for item widget-7", fixture.Emulator.Logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_EchoesTheBody_WithTheFunctionsStatusAndHeaders()
    {
        const string body = """{"workload":"support-triage","requests":120000}""";

        using var response = await Client.PostAsync("/api/echo", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
        Assert.Equal(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(response.Headers.GetValues("x-echo-length")));
    }

    [Theory]
    [InlineData("GET", 418)]
    [InlineData("DELETE", 503)]
    public async Task StatusCodesAndHeaders_PassThroughUnchanged(string method, int code)
    {
        using var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/status/{code}"));

        Assert.Equal(code, (int)response.StatusCode);
        Assert.Equal(method, Assert.Single(response.Headers.GetValues("x-sample-method")));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("GET", "/api/nothing-here")]
    [InlineData("GET", "/items/widget-7")]
    [InlineData("GET", "/api/status/not-a-number")]
    [InlineData("PUT", "/api/echo")]
    public async Task RequestsNoFunctionMatches_AreA404Problem(string method, string path)
    {
        using var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Contains(path, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachHttpRequest_IsAnInvocationWithItsOwnOutcomeAndLogs()
    {
        using var response = await Client.GetAsync("/api/items/logged-one");
        response.EnsureSuccessStatusCode();

        var outcome = await WaitForHttpOutcome(o => o.Logs.Any(l => l.Contains("logged-one", StringComparison.Ordinal)));
        Assert.Equal(InvocationStatus.Success, outcome.Status);
    }

    [Fact]
    public async Task AFunctionThatThrows_IsAFailedInvocation_WithItsMessage()
    {
        using var response = await Client.GetAsync("/api/boom");
        output.WriteLine($"client saw {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

        var outcome = await WaitForHttpOutcome(o => o.ExceptionMessage?.Contains("broke on purpose (/api/boom)", StringComparison.Ordinal) == true);
        Assert.Equal(InvocationStatus.Failure, outcome.Status);
    }

    private async Task<InvocationOutcome> WaitForHttpOutcome(Func<InvocationOutcome, bool> match)
    {
        // The outcome is recorded right after the response is streamed back; give it a moment.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (fixture.Emulator.HttpInvocations.FirstOrDefault(match) is { } outcome)
            {
                return outcome;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("No HTTP invocation outcome matched.");
    }
}
