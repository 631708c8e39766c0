using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Azure;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>
/// The error code and message of a failed Table request, read from the OData JSON error body
/// (<c>{"odata.error":{"code":..,"message":{"value":..}}}</c>), the XML error body the
/// authentication layer answers with, or the <c>x-ms-error-code</c> header.
/// </summary>
internal readonly record struct TableServiceError(string? Code, string Message)
{
    public static TableServiceError Read(Response response)
    {
        response.Headers.TryGetValue("x-ms-error-code", out var headerCode);
        var body = response.ContentStream is null ? string.Empty : response.Content.ToString();
        var (code, message) = Parse(body);
        return new TableServiceError(code ?? headerCode, message ?? response.ReasonPhrase);
    }

    public static (string? Code, string? Message) Parse(string body)
    {
        var trimmed = body.AsSpan().TrimStart();
        if (trimmed.StartsWith("{"))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.TryGetProperty("odata.error", out var error))
                {
                    var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                    string? message = null;
                    if (error.TryGetProperty("message", out var m))
                    {
                        message = m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString();
                    }
                    return (code, FirstLine(message));
                }
            }
            catch (JsonException)
            {
                // Fall through: an unreadable body still leaves the status and header code.
            }
        }
        else if (trimmed.StartsWith("<"))
        {
            try
            {
                var root = XDocument.Parse(body).Root;
                return (root?.Element("Code")?.Value, FirstLine(root?.Element("Message")?.Value));
            }
            catch (XmlException)
            {
                // As above.
            }
        }
        return (null, null);
    }

    // The service appends "\nRequestId:...\nTime:..." to messages; the first line is the message.
    private static string? FirstLine(string? message) =>
        message?.Split('\n', 2)[0].Trim();

    public static RequestFailedException ToException(Response response, string operation)
    {
        var error = Read(response);
        var text = $"{operation} failed with {response.Status} {error.Code}: {error.Message}";
        return response.Status == 412
            ? new TableConcurrencyException(text, error.Code)
            : new RequestFailedException(response.Status, text, error.Code, null);
    }
}
