using System.Net;
using System.Text;
using System.Text.Json;
using CostOps.TestSupport.Azurite;
using CostOps.TestSupport.Handler;

namespace CostOps.Handler.Tests.Contract;

/// <summary>The host's documented timer payloads, POSTed to the published handler running as a real process.</summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class TimerInvocationContractTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private HandlerProcess _handler = null!;

    public async Task InitializeAsync() =>
        _handler = await HandlerProcess.StartAsync(HandlerEnvironment.For(azurite, HandlerEnvironment.EmptyCatalog));

    public async Task DisposeAsync() => await _handler.DisposeAsync();

    public static TheoryData<string, string> HostPayloads => new()
    {
        {
            "full ScheduleStatus",
            """
            {"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2026-01-15T01:30:00.0096035+00:00","Next":"2026-01-16T01:30:00+00:00","LastUpdated":"2026-01-15T01:30:00.0096035+00:00"},"IsPastDue":false}},
             "Metadata":{"sys":{"MethodName":"NightlyTco","UtcNow":"2026-01-16T01:30:00.0234567Z","RandGuid":"24ad4c06-24ad-4e5b-8294-3da9714877e9"}}}
            """
        },
        {
            "null ScheduleStatus",
            """{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{"sys":{"MethodName":"NightlyTco","UtcNow":"2026-01-16T01:30:00Z","RandGuid":"5f1c"}}}"""
        },
        {
            "timestamps without offset",
            """{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"0001-01-01T00:00:00","Next":"2026-01-16T01:30:00","LastUpdated":"0001-01-01T00:00:00"},"IsPastDue":false}},"Metadata":{"sys":{"MethodName":"NightlyTco","UtcNow":"2026-01-16T01:30:00.1","RandGuid":"x"}}}"""
        },
        {
            "IsPastDue with a retry context",
            """{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2026-01-12T01:30:00Z","Next":"2026-01-16T01:30:00Z","LastUpdated":"2026-01-12T01:30:00Z"},"IsPastDue":true}},"Metadata":{"sys":{"MethodName":"NightlyTco","UtcNow":"2026-01-16T09:12:00Z","RandGuid":"y"},"RetryContext":{"MaxRetryCount":3,"RetryCount":1,"Exception":null}}}"""
        },
    };

    [Theory]
    [MemberData(nameof(HostPayloads))]
    public async Task TimerPayload_GetsA2xxJsonObject_WithOutputsLogsAndReturnValue(string name, string payload)
    {
        using var response = await PostAsync("/NightlyTco", payload);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, $"{name}: {(int)response.StatusCode} {body}\n{_handler.StandardError}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(JsonValueKind.Object, json.RootElement.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("Logs").ValueKind);
        Assert.True(json.RootElement.TryGetProperty("ReturnValue", out _));
        Assert.Contains("NightlyTco run", json.RootElement.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PastDueRun_CatchesUpTheMissedNights()
    {
        var (_, payload) = ("", (string)HostPayloads.ElementAt(3)[1]);

        using var response = await PostAsync("/NightlyTco", payload);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        // Last run on the 12th computed the 11th; the run on the 16th catches up the 12th to the 15th.
        Assert.Contains("2026-01-12..2026-01-15", json.RootElement.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("[1,2,3]", "must be a JSON object")]
    [InlineData("""{"Metadata":{}}""", "no Data object")]
    [InlineData("""{"Data":{"timer":42}}""", "no timer binding")]
    public async Task MalformedPayload_GetsANon2xx_WithAClearMessage(string payload, string expected)
    {
        using var response = await PostAsync("/NightlyTco", payload);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadinessPing_Answers()
    {
        using var response = await _handler.Client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RequestsAreNotLoggedOneByOne_TheJobsAre()
    {
        // The host writes the handler's stdout to its logs: a line per HTTP request (ASP.NET Core's
        // Information default) would double the log volume of every API call and readiness ping.
        // The published appsettings.json keeps Microsoft.AspNetCore at Warning, CostOps at Information.
        using (await _handler.Client.GetAsync(new Uri("/", UriKind.Relative)))
        using (await PostAsync("/NightlyTco", (string)HostPayloads.ElementAt(0)[1]))
        {
        }
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!_handler.StandardOutput.Contains("CostOps.", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var stdout = _handler.StandardOutput;
        Assert.Contains("CostOps.", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Request starting", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Request finished", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(await PublishedHandler.GetExecutableAsync())!, "appsettings.json")));
    }

    private Task<HttpResponseMessage> PostAsync(string path, string payload)
    {
        var content = new StringContent(payload, Encoding.UTF8, "application/json");
        content.Headers.ContentType!.CharSet = "utf-8";
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.Add("X-Azure-Functions-HostVersion", "4.1037.0.0");
        return _handler.Client.SendAsync(request);
    }
}
