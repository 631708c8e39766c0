using Microsoft.OpenApi;

namespace CostOps.Handler.Api;

/// <summary>
/// The OpenAPI document of the HTTP API (Microsoft.AspNetCore.OpenApi), served at
/// <see cref="Route"/> and checked in at docs/openapi.json. It is made deterministic on purpose: no
/// servers (they would carry the handler's loopback port), only the <c>/api</c> routes, so the
/// checked-in copy can be compared byte for byte with a fresh one.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentName = "v1";

    public const string Route = "/api/openapi.json";

    public const string FunctionKeyScheme = "functionKey";

    public static IServiceCollection AddCostOpsOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            // GET / (the host's readiness ping) and the timer invocations are not part of the public API.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "CostOps HTTP API",
                    Version = DocumentName,
                    Description =
                        "Recalculate, read and what-if the self-hosting vs API TCO of LLM workloads. Served by Azure Functions " +
                        "(custom handler, forwarded HTTP): call https://<app>.azurewebsites.net/api/... with a function key in the " +
                        "x-functions-key header (or ?code=); GET /api/health is anonymous. Errors are RFC 9457 problem details " +
                        "(application/problem+json) whose 'errors' name the field.",
                };
                document.Servers = [];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[FunctionKeyScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = "x-functions-key",
                    Description = "An Azure Functions function key (the host checks it before CostOps sees the request).",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var level = context.Description.ActionDescriptor.EndpointMetadata.OfType<FunctionAuthorization>().LastOrDefault()
                    ?? FunctionAuthorization.Function;
                if (level != FunctionAuthorization.Anonymous)
                {
                    operation.Security =
                    [
                        new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(FunctionKeyScheme, context.Document)] = [] },
                    ];
                }
                return Task.CompletedTask;
            });
        });
}
