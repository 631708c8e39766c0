using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CostOps.FunctionsHost.Http;

/// <summary>
/// POST /admin/functions/{name} with {"input": "..."}: runs a timer or queue function now and
/// answers 202 at once, as the host's admin API does (the outcome goes to the log).
/// </summary>
internal static class AdminEndpoints
{
    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder routes, FunctionsHostEmulator emulator) =>
        routes.MapPost("/admin/functions/{name}", (RequestDelegate)(context => RunAsync(context, emulator)));

    private static async Task RunAsync(HttpContext context, FunctionsHostEmulator emulator)
    {
        var name = (string)context.Request.RouteValues["name"]!;
        var function = emulator.Functions.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
        if (function is null)
        {
            await Problems.Write(context, StatusCodes.Status404NotFound, "No such function",
                $"No function named '{name}'; loaded: {string.Join(", ", emulator.Functions.Select(f => f.Name))}.");
            return;
        }

        var input = await ReadInputAsync(context);
        if (input.Error is { } error)
        {
            await Problems.Write(context, StatusCodes.Status400BadRequest, "Bad admin request body", error);
            return;
        }

        Func<Task<InvocationOutcome>>? run = function.Trigger.Type.ToUpperInvariant() switch
        {
            "TIMERTRIGGER" => () => emulator.InvokeTimerAsync(function.Name, TimerPayload.WithoutScheduleStatus()),
            "QUEUETRIGGER" => () => emulator.InvokeQueueAsync(function.Name, input.Text ?? string.Empty),
            _ => null,
        };
        if (run is null)
        {
            await Problems.Write(context, StatusCodes.Status400BadRequest, "Not runnable through the admin API",
                $"Function '{function.Name}' has a {function.Trigger.Type} trigger; only timer and queue functions run here (call an HTTP function on its route).");
            return;
        }

        _ = RunInBackgroundAsync(emulator, function.Name, run);
        context.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    private static async Task RunInBackgroundAsync(FunctionsHostEmulator emulator, string name, Func<Task<InvocationOutcome>> run)
    {
        try
        {
            var outcome = await run();
            var detail = outcome.ExceptionMessage is null ? string.Empty : $": {outcome.ExceptionMessage}";
            emulator.AppendLog($"[host] Executed 'Functions.{name}' ({(outcome.Status == InvocationStatus.Success ? "Succeeded" : outcome.Status.ToString())}, Id={outcome.InvocationId}){detail}");
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or ObjectDisposedException or OperationCanceledException)
        {
            emulator.AppendLog($"[host] Executing 'Functions.{name}' failed: {ex.Message}");
        }
    }

    private static async Task<(string? Text, string? Error)> ReadInputAsync(HttpContext context)
    {
        if (context.Request.ContentLength == 0 || (context.Request.ContentLength is null && context.Request.Headers.TransferEncoding.Count == 0))
        {
            return (null, null);
        }

        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            if (body.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "The body must be a JSON object like {\"input\": \"...\"}.");
            }

            if (!body.RootElement.TryGetProperty("input", out var input) || input.ValueKind == JsonValueKind.Null)
            {
                return (null, null);
            }

            return input.ValueKind == JsonValueKind.String ? (input.GetString(), null) : (null, "'input' must be a string.");
        }
        catch (JsonException ex)
        {
            return (null, $"The body is not valid JSON: {ex.Message}");
        }
    }
}
