using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using CostOps.Application.Catalog;
using CostOps.Application.Jobs;
using CostOps.Handler.Api;
using CostOps.Handler.Invocation;
using CostOps.Infrastructure;

namespace CostOps.Handler.Hosting;

/// <summary>
/// Builds the handler: Kestrel on 127.0.0.1 only, the CostOps services, the host's readiness ping,
/// one endpoint per timer function and the forwarded HTTP API. Separate from Program so tests can
/// inspect the endpoints without starting a server.
/// </summary>
public static class HandlerApp
{
    private static readonly HandlerStatus s_ready = new("CostOps", "ready");

    public static WebApplication Build(string[] args, int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // Loopback only: nothing but the Functions host (which enforces function keys) can reach the handler.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Services.AddCostOpsApi();
        builder.Services.AddCostOps(builder.Configuration);
        // A catalog path in app settings is relative to the deployed package, not to the host's working directory.
        builder.Services.PostConfigure<CatalogOptions>(options =>
        {
            if (options.Path is { Length: > 0 } path && !Path.IsPathRooted(path))
            {
                options.Path = Path.Combine(AppContext.BaseDirectory, path);
            }
        });
        builder.Services.AddHostedService<StartupChecks>();

        var app = builder.Build();
        // The host's readiness and health ping: any answer counts, so keep it cheap.
        app.MapGet("/", () => TypedResults.Json(s_ready, HandlerJsonContext.Default.HandlerStatus));
        app.MapTimerFunctions(app.Services.GetServices<ScheduledJobRegistration>());
        app.MapCostOpsApi();
        app.MapDigestApi();
        return app;
    }
}

/// <summary>The answer to the host's readiness ping.</summary>
public sealed record HandlerStatus(string Service, string Status);

// Source-generated, so the first ping does not wait for the reflection-based serializer to warm up.
[JsonSerializable(typeof(HandlerStatus))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class HandlerJsonContext : JsonSerializerContext;
