using System.Net;
using System.Net.Sockets;
using System.Text;
using CostOps.FunctionsHost.Serve;

namespace CostOps.FunctionsHost.Tests;

/// <summary>The serve command, run in-process as `serve --app ... --port ... --settings ...` would run it.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("costops-serve-");
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private readonly TextWriter _syncOutput;

    public ServeCommandTests()
    {
        _syncOutput = TextWriter.Synchronized(_output);
    }

    public void Dispose()
    {
        _work.Delete(recursive: true);
        _syncOutput.Dispose();
        _error.Dispose();
    }

    [Fact]
    public async Task Serve_RunsTheApp_ServesHttp_AndRunsATimerThroughTheAdminRoute()
    {
        var settings = WriteSettings("""{ "IsEncrypted": false, "Values": { "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated" } }""");
        var port = FreePort();
        using var stop = new CancellationTokenSource();

        var serving = ServeCommand.RunAsync(["serve", "--app", SampleAppFixture.AppDirectory, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--settings", settings], _syncOutput, _error, stop.Token);
        await LogEventually.Contains(Output, "Press Ctrl+C to stop.");

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        using var item = await client.GetAsync("/api/items/served");
        using var admin = await client.PostAsync("/admin/functions/TimerOk", new StringContent("""{"input": ""}""", Encoding.UTF8, "application/json"));
        await LogEventually.Contains(Output, "Executed 'Functions.TimerOk' (Succeeded");
        await stop.CancelAsync();

        Assert.Equal(0, await serving);
        Assert.Equal(HttpStatusCode.OK, item.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, admin.StatusCode);
        Assert.Contains("UNAUTHENTICATED", Output(), StringComparison.Ordinal);
        Assert.Contains($"GetItem: [GET] http://127.0.0.1:{port}/api/items/{{id}}", Output(), StringComparison.Ordinal);
        Assert.Contains("GetItem asked for item served", Output(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASettingsFileWithANonStringValue_IsAOneLineErrorNamingTheKey()
    {
        var settings = WriteSettings("""{ "Values": { "CostOps__Autopilot__Enabled": true } }""");

        var exitCode = await ServeCommand.RunAsync(["serve", "--app", SampleAppFixture.AppDirectory, "--settings", settings], _syncOutput, _error);

        Assert.Equal(1, exitCode);
        Assert.Contains("'Values.CostOps__Autopilot__Enabled' must be a string", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingSettingsFile_IsNamed()
    {
        var exitCode = await ServeCommand.RunAsync(["serve", "--app", SampleAppFixture.AppDirectory, "--settings", Path.Combine(_work.FullName, "nope.json")], _syncOutput, _error);

        Assert.Equal(1, exitCode);
        Assert.Contains("nope.json' does not exist", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAppFolderThatIsNotBuilt_SaysHowToBuildIt()
    {
        var exitCode = await ServeCommand.RunAsync(["serve", "--app", Path.Combine(_work.FullName, "missing")], _syncOutput, _error);

        Assert.Equal(1, exitCode);
        Assert.Contains("dotnet build functions", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APortInUse_IsAOneLineError()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var exitCode = await ServeCommand.RunAsync(["serve", "--app", SampleAppFixture.AppDirectory, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], _syncOutput, _error);

        Assert.Equal(1, exitCode);
        Assert.Equal($"error: port {port} is in use on 127.0.0.1; pick another with --port", _error.ToString().Trim());
    }

    [Theory]
    [InlineData("serve --port seventy")]
    [InlineData("serve --verbose")]
    [InlineData("start")]
    public async Task BadArguments_AreAUsageError(string commandLine)
    {
        var exitCode = await ServeCommand.RunAsync(commandLine.Split(' '), _syncOutput, _error);

        Assert.Equal(2, exitCode);
        Assert.Contains(ServeCommand.Usage, _error.ToString(), StringComparison.Ordinal);
    }

    // TextWriter.Synchronized locks on the wrapper; reading under the same lock never sees a half-written line.
    private string Output()
    {
        lock (_syncOutput)
        {
            return _output.ToString();
        }
    }

    private string WriteSettings(string json)
    {
        var path = Path.Combine(_work.FullName, "local.settings.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
