using Microsoft.AspNetCore.Http.HttpResults;

namespace CostOps.Functions.Api;

/// <summary>
/// <c>GET /api/openapi.json</c> (OpenApi): the OpenAPI 3.1 document of the HTTP API. It is the checked-in
/// contract (docs/openapi.json, copied next to the app at build), served as it is: the functions are not
/// ASP.NET Core endpoints, so there is nothing to generate it from at run time.
/// </summary>
public sealed class OpenApiFunction
{
    /// <summary>The document's file name in the app folder.</summary>
    public const string FileName = "openapi.json";

    // Read once per worker: the file only changes with a deployment.
    private static readonly Lazy<byte[]> s_document = new(() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, FileName)));

    [Function("OpenApi")]
    public FileContentHttpResult Get([HttpTrigger(AuthorizationLevel.Function, "get", Route = "openapi.json")] HttpRequest request) =>
        TypedResults.File(s_document.Value, "application/json; charset=utf-8");
}
