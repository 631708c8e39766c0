using System.Text.Json;
using System.Text.RegularExpressions;
using CostOps.TestSupport;
using NCrontab;

namespace CostOps.Functions.Tests.Functions;

/// <summary>
/// The build's functions.metadata is the app's contract with the host: which functions exist, what
/// triggers them, the HTTP routes and methods, who may call them (the host checks keys before the worker
/// sees a request), and which app setting holds each schedule.
/// </summary>
public sealed partial class FunctionsMetadataTests
{
    [GeneratedRegex("^%(?<setting>[A-Za-z0-9_]+)%$")]
    private static partial Regex SettingPlaceholder();

    /// <summary>A row of README's HTTP API table: <c>| Name | `METHOD /api/route?query` ... |</c>.</summary>
    [GeneratedRegex(@"^\| (?<name>[A-Za-z]+) \| `(?<method>[A-Z]+) /api/(?<route>[^`?\s]+)")]
    private static partial Regex ReadmeRow();

    private static readonly IReadOnlyList<FunctionEntry> s_functions = FunctionEntry.All();

    public static TheoryData<string, string, string, string> HttpFunctions => new()
    {
        { "TcoRecalculate", "POST", "tco/recalculate", "function" },
        { "TcoRead", "GET", "tco/{workloadId}", "function" },
        { "Workloads", "GET", "workloads", "function" },
        { "BreakEven", "POST", "breakeven", "function" },
        { "Runs", "GET", "runs", "function" },
        { "AutopilotPlan", "POST", "autopilot/plan", "function" },
        { "Decisions", "GET", "decisions", "function" },
        { "DigestPreview", "GET", "digest/preview", "function" },
        { "FocusExport", "GET", "export/focus", "function" },
        { "Health", "GET", "health", "anonymous" },
        { "OpenApi", "GET", "openapi.json", "function" },
        { "Version", "GET", "version", "anonymous" },
    };

    public static TheoryData<string, string, string, int> TimerFunctions => new()
    {
        { "NightlyTco", "NightlyTcoSchedule", "exponentialBackoff", 3 },
        { "Autopilot", "AutopilotSchedule", "fixedDelay", 2 },
        { "WeeklyDigest", "WeeklyDigestSchedule", "fixedDelay", 2 },
    };

    /// <summary>Queue functions: name and queue (its poison queue is the name + "-poison").</summary>
    public static TheoryData<string, string> QueueFunctions => new()
    {
        { "NightlyTcoShard", "costops-nightly-shards" },
    };

    [Fact]
    public void TheAppHasExactlyTheDocumentedFunctions()
    {
        var expected = HttpFunctions.Select(row => (string)row[0])
            .Concat(TimerFunctions.Select(row => (string)row[0]))
            .Concat(QueueFunctions.Select(row => (string)row[0]))
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, s_functions.Select(f => f.Name));
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void EachHttpFunction_HasItsRouteMethodAndAuthLevel(string name, string method, string route, string authLevel)
    {
        var function = s_functions.Single(f => f.Name == name);

        Assert.True(function.IsHttp, $"{name} is triggered by {function.TriggerType}");
        Assert.Equal(route, function.Route);
        Assert.Equal([method], function.Methods);
        Assert.Equal(authLevel, function.AuthLevel);
        Assert.Contains(function.Bindings, b => b.GetProperty("type").GetString() == "http" && b.GetProperty("direction").GetString() == "Out");
    }

    [Fact]
    public void OnlyHealthAndVersion_AreAnonymous()
    {
        Assert.Equal(["Health", "Version"], s_functions.Where(f => f.IsHttp && f.AuthLevel != "function").Select(f => f.Name));
    }

    [Theory]
    [MemberData(nameof(TimerFunctions))]
    public void EachTimer_ReadsItsScheduleFromAnAppSetting_AndHasItsRetryPolicy(string name, string setting, string strategy, int maxRetries)
    {
        var function = s_functions.Single(f => f.Name == name);

        Assert.True(function.IsTimer, $"{name} is triggered by {function.TriggerType}");
        Assert.Equal($"%{setting}%", function.Trigger.GetProperty("schedule").GetString());
        var retry = function.Json.GetProperty("retry");
        Assert.Equal(strategy, retry.GetProperty("strategy").GetString());
        Assert.Equal(maxRetries, retry.GetProperty("maxRetryCount").GetInt32());
    }

    [Theory]
    [MemberData(nameof(QueueFunctions))]
    public void EachQueueFunction_ListensOnItsFixedQueue_OnTheHostStorage(string name, string queue)
    {
        var function = s_functions.Single(f => f.Name == name);

        Assert.Equal("queueTrigger", function.TriggerType);
        // A literal name: a %Setting% the single-instance app leaves unset would stop the host loading the function.
        Assert.Equal(queue, function.Trigger.GetProperty("queueName").GetString());
        Assert.False(function.Trigger.TryGetProperty("connection", out var connection) && connection.GetString() is { Length: > 0 } named && named != "AzureWebJobsStorage");
    }

    [Fact]
    public void EveryScheduleSetting_HasASixFieldNcrontabDefault_InTheShippedLocalSettings()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("local.settings.example.json")));
        var values = settings.RootElement.GetProperty("Values");
        foreach (var timer in s_functions.Where(f => f.IsTimer))
        {
            var placeholder = SettingPlaceholder().Match(timer.Trigger.GetProperty("schedule").GetString()!);
            Assert.True(placeholder.Success, $"{timer.Name}: the schedule must come from an app setting");
            Assert.True(values.TryGetProperty(placeholder.Groups["setting"].Value, out var value), $"{timer.Name}: no {placeholder.Value} in local.settings.example.json");
            var expression = value.GetString()!;

            Assert.Equal(6, expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.NotNull(CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true }));
        }
    }

    [Fact]
    public void TheReadmesHttpApiTable_ListsEveryHttpFunction_WithItsMethodAndRoute()
    {
        var readme = File.ReadAllLines(RepositoryRoot.Combine("README.md"));
        var listed = readme.Select(line => ReadmeRow().Match(line)).Where(m => m.Success)
            .Select(m => $"{m.Groups["name"].Value} {m.Groups["method"].Value} {m.Groups["route"].Value}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(s_functions.Where(f => f.IsHttp).Select(f => $"{f.Name} {f.Methods[0]} {f.Route}").Order(StringComparer.Ordinal), listed);
    }

    [Fact]
    public void TheBuildOutput_HoldsWhatTheHostLoads()
    {
        foreach (var file in (string[])["functions.metadata", "worker.config.json", "host.json", "extensions.json", "openapi.json", "CostOps.Functions.dll"])
        {
            Assert.True(File.Exists(Path.Combine(Worker.WorkerApp.Directory, file)), $"{file} is missing from the build output");
        }
        Assert.True(Directory.Exists(Path.Combine(Worker.WorkerApp.Directory, ".azurefunctions")));
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Worker.WorkerApp.Directory, "host.json")));
        Assert.Equal("api", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.False(host.RootElement.TryGetProperty("customHandler", out _));
    }
}
