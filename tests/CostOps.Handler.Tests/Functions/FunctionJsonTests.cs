using System.Text.Json;
using System.Text.RegularExpressions;
using CostOps.Handler.Hosting;
using CostOps.TestSupport;
using Microsoft.AspNetCore.Routing;
using NCrontab;

namespace CostOps.Handler.Tests.Functions;

/// <summary>The function folders and the handler's endpoints must describe the same app.</summary>
public sealed partial class FunctionJsonTests
{
    [GeneratedRegex("^%(?<setting>[A-Za-z0-9_]+)%$")]
    private static partial Regex SettingPlaceholder();

    private static readonly IReadOnlyList<FunctionFolder> s_functions = FunctionFolder.All();

    [Fact]
    public void EveryFunctionFolder_HasValidJson_WithBindings()
    {
        Assert.NotEmpty(s_functions);
        Assert.All(s_functions, f => Assert.NotEmpty(f.Bindings));
        Assert.All(s_functions, f => Assert.True(f.IsTimer ^ f.IsHttp, $"{f.Name} must be a timer or an HTTP function"));
    }

    [Fact]
    public void TimerSchedules_AreSixFieldNcrontab_IncludingTheirDefaultSettings()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("local.settings.example.json")));
        var values = settings.RootElement.GetProperty("Values");
        foreach (var timer in s_functions.Where(f => f.IsTimer))
        {
            var schedule = timer.Binding("timerTrigger")!.Value.GetProperty("schedule").GetString()!;
            var placeholder = SettingPlaceholder().Match(schedule);
            var expression = placeholder.Success
                ? values.TryGetProperty(placeholder.Groups["setting"].Value, out var value) ? value.GetString()! : throw new Xunit.Sdk.XunitException($"{timer.Name}: {schedule} has no default in local.settings.example.json")
                : schedule;

            Assert.Equal(6, expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            var parsed = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
            Assert.True(parsed is not null, $"{timer.Name}: '{expression}' is not a valid NCRONTAB expression");
        }
    }

    [Fact]
    public void HttpFunctions_HaveExactlyOneHttpTriggerAndOneHttpOutput()
    {
        foreach (var function in s_functions.Where(f => f.IsHttp))
        {
            Assert.Single(function.Bindings, b => b.GetProperty("type").GetString() == "httpTrigger");
            Assert.Single(function.Bindings, b => b.GetProperty("type").GetString() == "http" && b.GetProperty("direction").GetString() == "out");
            Assert.Equal(2, function.Bindings.Count());
            Assert.True(function.Binding("httpTrigger")!.Value.TryGetProperty("route", out _), $"{function.Name} needs a route");
        }
    }

    [Fact]
    public void EveryFunction_HasAHandlerEndpoint_AndEveryEndpoint_AFunction()
    {
        var endpoints = HandlerEndpoints();
        var expected = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var function in s_functions)
        {
            if (function.IsTimer)
            {
                expected.Add($"POST /{function.Name}");
            }
            else
            {
                var trigger = function.Binding("httpTrigger")!.Value;
                var route = "/api/" + trigger.GetProperty("route").GetString()!.TrimStart('/');
                foreach (var method in trigger.GetProperty("methods").EnumerateArray())
                {
                    expected.Add($"{method.GetString()!.ToUpperInvariant()} {NormalizeRoute(route)}");
                }
            }
        }
        // GET / is the host's readiness ping, not a function.
        var served = endpoints.Where(e => e != "GET /").ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.Empty(expected.Except(served, StringComparer.OrdinalIgnoreCase));
        Assert.Empty(served.Except(expected, StringComparer.OrdinalIgnoreCase));
    }

    private static List<string> HandlerEndpoints()
    {
        var app = HandlerApp.Build([], 0);
        return ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                .Select(method => $"{method} {NormalizeRoute("/" + endpoint.RoutePattern.RawText!.TrimStart('/'))}"))
            .ToList();
    }

    /// <summary>Route parameter constraints and names differ between function.json and ASP.NET Core: compare shapes.</summary>
    private static string NormalizeRoute(string route)
    {
        var shape = Regex.Replace(route.TrimEnd('/'), @"\{[^}]+\}", "{}");
        return shape.Length == 0 ? "/" : shape;
    }
}
