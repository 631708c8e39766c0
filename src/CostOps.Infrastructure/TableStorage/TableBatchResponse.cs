using Azure;

namespace CostOps.Infrastructure.TableStorage;

/// <summary>
/// Reads a <c>$batch</c> response: multipart/mixed, usually one changeset response whose parts are
/// embedded HTTP responses. A failed changeset carries a single part with the failing status and
/// an error whose message starts with the 0-based index of the failing operation ("3:...").
/// </summary>
internal static class TableBatchResponse
{
    public static IReadOnlyList<TableBatchOperationResponse> Parse(Response response)
    {
        var contentType = response.Headers.ContentType
            ?? throw new FormatException("The $batch response has no Content-Type.");
        var body = response.Content.ToString();
        var parts = new List<TableBatchOperationResponse>();
        foreach (var part in SplitParts(body, Boundary(contentType)))
        {
            var (headers, content) = SplitHeaders(part);
            if (headers.TryGetValue("Content-Type", out var partType) && partType.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
            {
                parts.AddRange(SplitParts(content, Boundary(partType)).Select(ParseHttpPart));
            }
            else
            {
                parts.Add(ParseHttpPart(part));
            }
        }
        return parts;
    }

    /// <summary>The operation index at the start of an error message ("3:The specified ..."), if any.</summary>
    public static int? IndexFromMessage(string? message)
    {
        if (message is null)
        {
            return null;
        }
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && int.TryParse(message.AsSpan(0, colon), out var index) ? index : null;
    }

    private static string Boundary(string contentType)
    {
        foreach (var parameter in contentType.Split(';', StringSplitOptions.TrimEntries))
        {
            if (parameter.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase))
            {
                return parameter["boundary=".Length..].Trim('"');
            }
        }
        throw new FormatException($"The multipart Content-Type '{contentType}' has no boundary.");
    }

    private static IEnumerable<string> SplitParts(string body, string boundary)
    {
        var delimiter = "--" + boundary;
        var segments = body.Split(delimiter);
        // segments[0] is the preamble; a segment starting with "--" is the closing delimiter.
        for (var i = 1; i < segments.Length; i++)
        {
            if (segments[i].StartsWith("--", StringComparison.Ordinal))
            {
                yield break;
            }
            yield return segments[i].TrimStart('\r', '\n');
        }
    }

    private static (Dictionary<string, string> Headers, string Remainder) SplitHeaders(string text)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var position = 0;
        while (position < text.Length)
        {
            var end = text.IndexOf('\n', position);
            if (end < 0)
            {
                end = text.Length;
            }
            var line = text[position..end].TrimEnd('\r');
            position = end + 1;
            if (line.Length == 0)
            {
                break;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }
        return (headers, position < text.Length ? text[position..] : string.Empty);
    }

    private static TableBatchOperationResponse ParseHttpPart(string part)
    {
        var (partHeaders, embedded) = SplitHeaders(part);
        var statusLineEnd = embedded.IndexOf('\n', StringComparison.Ordinal);
        var statusLine = (statusLineEnd < 0 ? embedded : embedded[..statusLineEnd]).TrimEnd('\r');
        // "HTTP/1.1 409 Conflict"
        var fields = statusLine.Split(' ', 3);
        if (fields.Length < 2 || !fields[0].StartsWith("HTTP/", StringComparison.Ordinal) || !int.TryParse(fields[1], out var status))
        {
            throw new FormatException($"The $batch response part has no HTTP status line: '{statusLine}'.");
        }
        var (headers, content) = SplitHeaders(statusLineEnd < 0 ? string.Empty : embedded[(statusLineEnd + 1)..]);
        int? contentId = partHeaders.TryGetValue("Content-ID", out var id) && int.TryParse(id, out var parsed) ? parsed : null;
        return new TableBatchOperationResponse(status, fields.Length > 2 ? fields[2] : string.Empty, headers, content.TrimEnd('\r', '\n'), contentId);
    }
}
