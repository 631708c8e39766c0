using System.Text;
using Microsoft.AspNetCore.Http;

namespace CostOps.Infrastructure.Tests.Telemetry;

/// <summary>Small helpers for loopback handlers.</summary>
internal static class LoopbackReplies
{
    public static async Task Json(HttpContext context, string json, int status = 200, params (string Name, string Value)[] headers)
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(json));
    }

    public static Task Status(HttpContext context, int status, params (string Name, string Value)[] headers) =>
        Json(context, """{"error":{"code":"Throttled","message":"Try again later."}}""", status, headers);

    public static async Task<string> Body(HttpContext context)
    {
        context.Request.Body.Position = 0;
        using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
        return await reader.ReadToEndAsync();
    }
}
