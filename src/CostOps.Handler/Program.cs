using System.Net;
using CostOps.Application.Jobs;
using CostOps.Handler.Hosting;
using CostOps.Handler.Invocation;

var port = HandlerPort.Resolve(Environment.GetEnvironmentVariable(HandlerPort.EnvironmentVariable));
var builder = WebApplication.CreateSlimBuilder(args);
// Loopback only: nothing but the Functions host (which enforces function keys) can reach the handler.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddProblemDetails();

var app = builder.Build();

// The host's readiness and health ping: any answer counts, so keep it cheap.
app.MapGet("/", () => TypedResults.Ok(new HandlerStatus("CostOps", "ready")));
app.MapTimerFunctions(app.Services.GetServices<IScheduledJob>());

app.Run();

internal sealed record HandlerStatus(string Service, string Status);
