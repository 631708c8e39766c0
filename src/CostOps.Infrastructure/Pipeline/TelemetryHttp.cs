using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using CostOps.Application.Telemetry;

namespace CostOps.Infrastructure.Pipeline;

/// <summary>Sending, status checking and body parsing shared by every HTTP adapter.</summary>
public static class TelemetryHttp
{
    private const int MaxDetailLength = 400;

    /// <summary>Sends <paramref name="message"/>; transport failures (after retries) become a <see cref="TelemetrySourceException"/>.</summary>
    public static async Task<Response> SendAsync(HttpPipeline pipeline, HttpMessage message, SourceContext source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is RequestFailedException or HttpRequestException or IOException
            or AggregateException or OperationCanceledException or AuthenticationFailedException or CredentialUnavailableException or InvalidOperationException)
        {
            // The exception's own sentence, never its type name: this text reaches Runs rows and API answers.
            throw source.Error($"could not be reached: {exception.Message}", exception);
        }
        return message.Response;
    }

    /// <summary>Throws a <see cref="TelemetrySourceException"/> naming the source, the status and the upstream error for a non-2xx answer.</summary>
    public static void EnsureSuccess(Response response, SourceContext source)
    {
        if (FailureOf(response, source) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>The error a non-2xx answer stands for (source, status, upstream code and message), or null for a success.</summary>
    public static TelemetrySourceException? FailureOf(Response response, SourceContext source)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(source);
        if (response.Status is >= 200 and < 300)
        {
            return null;
        }
        var detail = ErrorDetail(response);
        var suffix = detail is null ? string.Empty : $": {detail}";
        var throttled = response.Status is 429 or 529 ? " (throttled; retries exhausted)" : string.Empty;
        return source.Error($"answered HTTP {response.Status} {response.ReasonPhrase}{throttled}{suffix}", status: response.Status);
    }

    /// <summary>Parses a JSON body; a body that does not parse, or parses to null, names the source.</summary>
    public static T ReadJson<T>(Response response, JsonTypeInfo<T> typeInfo, SourceContext source)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(typeInfo);
        // The pipeline has buffered the body already: parse those bytes in place rather than through a stream, which
        // copies them again into growing buffers (answers run to megabytes: a week of samples, 5,000 cost rows).
        var body = response.Content.ToMemory();
        return Parse(() => JsonSerializer.Deserialize(body.Span, typeInfo), source);
    }

    /// <summary>Parses JSON from a stream (a response or an exported file) with the same error rules.</summary>
    public static T ReadJson<T>(Stream stream, JsonTypeInfo<T> typeInfo, SourceContext source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(typeInfo);
        return Parse(() => JsonSerializer.Deserialize(stream, typeInfo), source);
    }

    private static T Parse<T>(Func<T?> deserialize, SourceContext source)
    {
        ArgumentNullException.ThrowIfNull(source);
        T? value;
        try
        {
            value = deserialize();
        }
        catch (JsonException exception)
        {
            throw source.Error($"returned a malformed body: {exception.Message}", exception);
        }
        catch (NotSupportedException exception)
        {
            throw source.Error($"returned a malformed body: {exception.Message}", exception);
        }
        return value ?? throw source.Error("returned an empty JSON body (null).");
    }

    /// <summary>A malformed-body error for a body that parsed but lacks what the source must send.</summary>
    public static TelemetrySourceException Malformed(SourceContext source, string what) =>
        source.Error($"returned a malformed body: {what}");

    // Extracts "code: message" from the error shapes in use: Azure and OpenAI {"error":{"code","message"}},
    // Anthropic {"error":{"type","message"}}, Prometheus {"errorType","error"}; else the start of the body.
    private static string? ErrorDetail(Response response)
    {
        var body = response.Content.ToString();
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.Object)
                {
                    var code = Text(error, "code") ?? Text(error, "type");
                    var text = Text(error, "message");
                    return Truncate(code is null ? text : $"{code}: {text}");
                }
                if (error.ValueKind == JsonValueKind.String)
                {
                    var type = Text(root, "errorType");
                    return Truncate(type is null ? error.GetString() : $"{type}: {error.GetString()}");
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML error page from a proxy, say): fall through to the raw start of the body.
        }
        return Truncate(body);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Truncate(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var singleLine = new StringBuilder(text.Length).Append(text).Replace('\r', ' ').Replace('\n', ' ').ToString().Trim();
        return singleLine.Length <= MaxDetailLength ? singleLine : string.Concat(singleLine.AsSpan(0, MaxDetailLength), "...");
    }
}
