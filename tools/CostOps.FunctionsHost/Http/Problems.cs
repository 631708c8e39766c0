using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CostOps.FunctionsHost.Http;

/// <summary>RFC 9457 problem details written by hand (the front end has no MVC or problem-details services).</summary>
internal static class Problems
{
    public static async Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        // Relaxed escaping: details quote names ('input'), and problem+json is never embedded in HTML.
        await using var json = new Utf8JsonWriter(context.Response.Body, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("title", title);
        json.WriteNumber("status", status);
        json.WriteString("detail", detail);
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
