using System.Net;
using CostOps.Application.Catalog;
using CostOps.Application.Jobs;
using CostOps.Handler.Hosting;
using CostOps.Handler.Invocation;
using CostOps.Infrastructure;

int port;
try
{
    port = HandlerPort.Resolve(Environment.GetEnvironmentVariable(HandlerPort.EnvironmentVariable));
}
catch (InvalidOperationException ex)
{
    await Console.Error.WriteLineAsync($"CostOps cannot start: {ex.Message}");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
// Loopback only: nothing but the Functions host (which enforces function keys) can reach the handler.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
builder.Services.AddProblemDetails();
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

try
{
    var app = builder.Build();

    // The host's readiness and health ping: any answer counts, so keep it cheap.
    app.MapGet("/", () => TypedResults.Ok(new HandlerStatus("CostOps", "ready")));
    app.MapTimerFunctions(app.Services.GetServices<ScheduledJobRegistration>());

    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not OperationCanceledException)
{
    return await StartupFailure.ReportAsync(ex, Console.Error);
}

internal sealed record HandlerStatus(string Service, string Status);
