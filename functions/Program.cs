using CostOps.Functions.Api.Http;
using CostOps.Functions.Hosting;
using CostOps.Functions.Timers;
using CostOps.Infrastructure;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseWhen<ApiExceptionMiddleware>(context => context.FunctionDefinition.InputBindings.Values.Any(b => b.Type == "httpTrigger"));

builder.Configuration.ResolveRelativePaths(AppContext.BaseDirectory);
builder.Services.AddCostOps(builder.Configuration);
HostJsonSettings.Read(AppContext.BaseDirectory).ApplyTo(builder.Services, builder.Configuration);
builder.Services.AddCostOpsApi();
builder.Services.AddSingleton<ScheduledJobRunner>();
var exportingTelemetry = builder.Services.AddCostOpsOpenTelemetry(builder.Configuration);

var app = builder.Build();
try
{
    await StartupChecks.RunAsync(app.Services);
    WorkerTelemetry.LogExport(app.Services, exportingTelemetry);
}
catch (Exception ex) when (ex is not OperationCanceledException)
{
    return await StartupFailure.ReportAsync(ex, Console.Error);
}
await app.RunAsync();
return 0;
