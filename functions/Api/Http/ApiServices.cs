using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CostOps.Functions.Api.Http;

/// <summary>What the HTTP functions need besides the CostOps services: problem details, JSON, body limits.</summary>
internal static class ApiServices
{
    public static IServiceCollection AddCostOpsApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
            // Numbers are numbers: the web default also accepts them as strings, and the OpenAPI schemas would say so.
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        // The worker's own Kestrel (the host forwards requests to it) refuses bodies over the limit too: a chunked
        // body has no Content-Length to check first. JsonBody raises it per request to read a too-large body to its end.
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = JsonBody.MaxBytes);
        return services;
    }
}
