using System.Text.RegularExpressions;
using CostOps.Handler.Api;
using CostOps.Handler.Hosting;
using Microsoft.AspNetCore.Routing;

namespace CostOps.Handler.Tests.Functions;

/// <summary>The host enforces authLevel; the handler's endpoints (and so the OpenAPI document) must say the same.</summary>
public sealed class HttpFunctionAuthLevelTests
{
    [Fact]
    public void EveryHttpFunction_NeedsAFunctionKey_ExceptHealth()
    {
        var levels = FunctionFolder.All()
            .Where(f => f.IsHttp)
            .ToDictionary(f => f.Name, f => f.Binding("httpTrigger")!.Value.GetProperty("authLevel").GetString());

        Assert.Equal("anonymous", levels["Health"]);
        Assert.All(levels.Where(l => l.Key != "Health"), l => Assert.Equal("function", l.Value));
    }

    [Fact]
    public void EachHttpFunctionsAuthLevel_MatchesItsEndpointMetadata()
    {
        var app = HandlerApp.Build([], 0);
        var endpoints = ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .ToList();
        foreach (var function in FunctionFolder.All().Where(f => f.IsHttp))
        {
            var trigger = function.Binding("httpTrigger")!.Value;
            var route = Shape("/api/" + trigger.GetProperty("route").GetString());
            var endpoint = Assert.Single(endpoints, e => Shape("/" + e.RoutePattern.RawText!.TrimStart('/')) == route
                && (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Contains(trigger.GetProperty("methods")[0].GetString()!.ToUpperInvariant()));
            var level = endpoint.Metadata.GetMetadata<FunctionAuthorization>() ?? FunctionAuthorization.Function;

            Assert.True(level.Level == trigger.GetProperty("authLevel").GetString(), $"{function.Name}: function.json says {trigger.GetProperty("authLevel")}, the endpoint {level.Level}");
        }
    }

    private static string Shape(string route) => Regex.Replace(route, @"\{[^}]+\}", "{}");
}
