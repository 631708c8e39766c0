using System.Net;
using CostOps.FunctionsHost.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CostOps.FunctionsHost.Http;

/// <summary>
/// The host's public HTTP side on loopback: matches a request to an httpTrigger function by route
/// template and method, and hands it to <see cref="HttpForwarder"/>; also the admin route that runs
/// a timer or queue function on demand. Anything else is a 404 problem.
/// </summary>
internal sealed class HttpFrontEnd : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpForwarder _forwarder;

    private HttpFrontEnd(WebApplication app, HttpForwarder forwarder, Uri baseAddress)
    {
        _app = app;
        _forwarder = forwarder;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public static async Task<HttpFrontEnd> StartAsync(FunctionsHostEmulator emulator, int? port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Loopback, port ?? 0);
        });
        builder.Services.AddRouting();
        var app = builder.Build();
        var forwarder = new HttpForwarder(emulator);
        app.UseRouting();
        // Only our own endpoints answer: no route, or a route with another method, is a 404 as on the host.
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<EmulatorEndpoint>() is null)
            {
                await Problems.Write(context, StatusCodes.Status404NotFound, "No function matches this request",
                    $"{context.Request.Method} {context.Request.Path} matches no HTTP function (route prefix '{emulator.RoutePrefix}').");
                return;
            }

            await next(context);
        });

        foreach (var function in emulator.Functions.Where(f => f.Trigger.Type.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase)))
        {
            var route = RouteTemplate(emulator.RoutePrefix, function);
            var methods = FunctionMetadataBindings.ArrayProperty(function.Trigger, "methods")?.Select(m => m.ToUpperInvariant()).ToArray();
            RequestDelegate handler = context => forwarder.ForwardAsync(context, function);
            var endpoint = methods is { Length: > 0 } ? app.MapMethods(route, methods, handler) : app.Map(route, handler);
            endpoint.WithMetadata(new EmulatorEndpoint()).WithDisplayName(function.Name);
        }

        AdminEndpoints.Map(app, emulator).WithMetadata(new EmulatorEndpoint());

        await app.StartAsync(cancellationToken);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new HttpFrontEnd(app, forwarder, new Uri($"http://127.0.0.1:{new Uri(bound).Port}/"));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
        _forwarder.Dispose();
    }

    /// <summary>The host's route for an HTTP function: {prefix}/{route}, the route defaulting to the function name.</summary>
    internal static string RouteTemplate(string routePrefix, LoadedFunction function)
    {
        var route = (FunctionMetadataBindings.Property(function.Trigger, "route") ?? function.Name).Trim('/');
        return string.IsNullOrEmpty(routePrefix) ? route : $"{routePrefix}/{route}";
    }

    /// <summary>Marks the endpoints the emulator serves, as opposed to routing's own 405 endpoint.</summary>
    private sealed class EmulatorEndpoint;
}
