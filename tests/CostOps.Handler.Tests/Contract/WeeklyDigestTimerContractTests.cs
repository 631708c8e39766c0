using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using CostOps.Application.Jobs;
using CostOps.Infrastructure.TableStorage.Stores;
using CostOps.TestSupport.Azurite;

namespace CostOps.Handler.Tests.Contract;

/// <summary>The WeeklyDigest timer through the published handler, as the Functions host invokes it.</summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class WeeklyDigestTimerContractTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string MondayMorning = """
        {"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2026-11-16T08:00:00.0012345+00:00","Next":"2026-11-30T08:00:00+00:00","LastUpdated":"2026-11-16T08:00:00.0012345+00:00"},"IsPastDue":false}},
         "Metadata":{"sys":{"MethodName":"WeeklyDigest","UtcNow":"2026-11-23T08:00:00.0234567Z","RandGuid":"0f8fad5b-d9cb-469f-a165-70867728950e"}}}
        """;

    private DigestHandler _handler = null!;

    public async Task InitializeAsync() => _handler = await DigestHandler.StartAsync(azurite);

    public async Task DisposeAsync() => await _handler.DisposeAsync();

    [Fact]
    public async Task TheTimer_GetsA2xxJsonReply_AndPostsTheLastCompletedWeek()
    {
        using var response = await InvokeAsync();
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}\n{_handler.Process.StandardError}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(JsonValueKind.Object, json.RootElement.GetProperty("Outputs").ValueKind);
        Assert.True(json.RootElement.TryGetProperty("ReturnValue", out _));
        var logs = json.RootElement.GetProperty("Logs").EnumerateArray().Select(l => l.GetString()!).ToList();
        Assert.Contains("Succeeded for 2026-W47; 3 workloads", logs[0], StringComparison.Ordinal);
        Assert.Equal(["file: posted"], logs.Skip(1));
        Assert.True(File.Exists(Path.Combine(_handler.OutputDirectory, "digest-2026-W47.card.json")));
    }

    [Fact]
    public async Task TheRun_IsRecordedInRuns_WithTheWeekAndEachTransportsOutcome()
    {
        using var response = await InvokeAsync();

        var run = Assert.Single(await new TableRunStore(_handler.Tables.Runs).ListAsync("WeeklyDigest", 10));
        Assert.Equal((JobStatus.Succeeded, "timer", new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 22)), (run.Status, run.Trigger, run.FirstDay, run.LastDay));
        Assert.Equal(["file: posted"], run.Outcomes);
        Assert.Equal(3, run.WorkloadsOk);
        var posted = (await _handler.Tables.DigestPosts.GetEntityAsync<TableEntity>("2026-W47", "file")).Value;
        Assert.Equal("posted", posted.GetString("Status"));
    }

    [Fact]
    public async Task ARetriedInvocation_DoesNotPostTheWeekAgain()
    {
        using var first = await InvokeAsync();
        File.Delete(Path.Combine(_handler.OutputDirectory, "digest-2026-W47.card.json"));

        using var retry = await InvokeAsync();
        using var json = JsonDocument.Parse(await retry.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("file: already posted (not sent again)", json.RootElement.GetProperty("Logs")[1].GetString());
        Assert.False(File.Exists(Path.Combine(_handler.OutputDirectory, "digest-2026-W47.card.json")));
        Assert.Equal(2, (await new TableRunStore(_handler.Tables.Runs).ListAsync("WeeklyDigest", 10)).Count);
    }

    private Task<HttpResponseMessage> InvokeAsync()
    {
        var content = new StringContent(MondayMorning, Encoding.UTF8, "application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/WeeklyDigest", UriKind.Relative)) { Content = content };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.Add("X-Azure-Functions-HostVersion", "4.1037.0.0");
        return _handler.Process.Client.SendAsync(request);
    }
}
