using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CostOps.Functions.Api;

/// <summary>
/// <c>GET /api/version</c> (Version, anonymous): which build of CostOps answers, for deployment checks. Touches
/// nothing else, so it is also the cheapest function to call (the benchmarks' ceiling).
/// </summary>
public sealed class VersionFunction
{
    private static readonly AppVersion s_version = new(
        "CostOps",
        typeof(VersionFunction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");

    [Function("Version")]
    public Ok<AppVersion> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "version")] HttpRequest request) =>
        TypedResults.Ok(s_version);
}

/// <summary>The answer of <c>GET /api/version</c>.</summary>
/// <param name="Version">The app's informational version (with the commit when the build knows it).</param>
public sealed record AppVersion(string Name, string Version);
