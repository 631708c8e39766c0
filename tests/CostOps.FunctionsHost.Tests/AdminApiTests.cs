using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace CostOps.FunctionsHost.Tests;

public sealed class AdminApiTests(SampleAppFixture fixture, ITestOutputHelper output) : IClassFixture<SampleAppFixture>, IDisposable
{
    private HttpClient Client => fixture.Emulator.Client;

    public void Dispose() => fixture.FlushLogTo(output);

    [Fact]
    public async Task PostingToATimerFunction_Answers202_AndRunsItWithoutScheduleStatus()
    {
        using var response = await Client.PostAsJsonAsync("/admin/functions/TimerOk", new { input = "" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await LogEventually.Contains(fixture.Emulator, "Executed 'Functions.TimerOk' (Succeeded");
        Assert.Contains("IsPastDue=False ScheduleStatus=null", fixture.Emulator.Logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostingToAQueueFunction_RunsItWithTheInputAsTheMessage()
    {
        using var response = await Client.PostAsJsonAsync("/admin/functions/queueecho", new { input = "from the admin api" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await LogEventually.Contains(fixture.Emulator, "QueueEcho got 'from the admin api' DequeueCount=1");
    }

    [Fact]
    public async Task AFailingFunction_IsReportedInTheLog()
    {
        using var response = await Client.PostAsync("/admin/functions/TimerFails", content: null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await LogEventually.Contains(fixture.Emulator, "Executed 'Functions.TimerFails' (Failure");
    }

    [Theory]
    [InlineData("NoSuchFunction", HttpStatusCode.NotFound)]
    [InlineData("GetItem", HttpStatusCode.BadRequest)]
    public async Task UnknownOrHttpFunctions_AreAProblem(string name, HttpStatusCode expected)
    {
        using var response = await Client.PostAsJsonAsync($"/admin/functions/{name}", new { input = "" });

        Assert.Equal(expected, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(name, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANonStringInput_IsABadRequest()
    {
        using var response = await Client.PostAsJsonAsync("/admin/functions/QueueEcho", new { input = 42 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("'input' must be a string.", problem.GetProperty("detail").GetString());
    }
}
