using System.Text.Json.Serialization;
using CostOps.Handler.Api.Problems;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CostOps.Handler.Api;

/// <summary>
/// The forwarded HTTP API: one endpoint group per function family, RFC 9457 problem details for
/// every error, one exception handler for adapter failures, 1 MiB bodies, and the OpenAPI document.
/// Each endpoint has its function folder (<c>functions/&lt;Name&gt;/function.json</c>, route without <c>api/</c>):
/// TcoRecalculate, TcoRead, Workloads, BreakEven, Runs, Health, AutopilotPlan, Decisions, OpenApi.
/// </summary>
public static class CostOpsApi
{
    public static IServiceCollection AddCostOpsApi(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = NameTheContentType);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
            // Numbers are numbers: the web default also accepts them as strings, and the OpenAPI schemas would say so.
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        // Bodies over the limit are refused by Kestrel too (chunked bodies have no Content-Length to check first).
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = JsonBody.MaxBytes);
        services.AddCostOpsOpenApi();
        return services;
    }

    /// <summary>
    /// Routing answers a body that is not JSON with a bare 415 before any endpoint runs (the endpoints
    /// declare what they accept); the problem it gets still names the header, like every other problem.
    /// </summary>
    private static void NameTheContentType(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType
            && context.ProblemDetails is not HttpValidationProblemDetails
            && !context.ProblemDetails.Extensions.ContainsKey("errors"))
        {
            var contentType = context.HttpContext.Request.ContentType;
            context.ProblemDetails.Detail ??= "The request body must be JSON (application/json).";
            context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]>
            {
                ["Content-Type"] = [$"must be application/json (was '{contentType ?? "none"}')"],
            };
        }
    }

    public static WebApplication MapCostOpsApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        // Answers the framework gives without a body (405, 404 of unknown routes) become problem details too.
        app.UseStatusCodePages();
        app.MapTcoApi();
        app.MapWorkloadsApi();
        app.MapBreakEvenApi();
        app.MapRunsApi();
        app.MapHealthApi();
        app.MapAutopilotApi();
        app.MapOpenApi(OpenApiSetup.Route);
        return app;
    }
}
