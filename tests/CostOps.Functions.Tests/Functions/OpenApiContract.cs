using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace CostOps.Functions.Tests.Functions;

/// <summary>
/// docs/openapi.json as a contract to check exchanges against: the operation of a request, the response it documents
/// for a status code and media type, and the schemas of bodies and query parameters.
/// </summary>
internal sealed class OpenApiContract
{
    private readonly JsonElement _document;
    private readonly OpenApiSchema _schemas;

    public OpenApiContract(JsonElement document)
    {
        _document = document;
        _schemas = new OpenApiSchema(document);
    }

    /// <summary>Every way the exchange departs from the document; empty when the document describes it exactly.</summary>
    /// <param name="requestBody">The JSON the request sent, checked against the request schema when the server accepted it (2xx).</param>
    public IReadOnlyList<string> Check(string method, string pathAndQuery, string? requestBody, int status, string? mediaType, string responseBody)
    {
        var problems = new List<string>();
        var split = pathAndQuery.Split('?', 2);
        if (Operation(method, split[0]) is not { } operation)
        {
            return [$"{method} {split[0]} is not an operation of the document"];
        }
        var declared = operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").ToDictionary(p => p.GetProperty("name").GetString()!)
            : [];
        foreach (var (name, _) in split.Length > 1 ? QueryHelpers.ParseQuery(split[1]) : [])
        {
            if (!declared.ContainsKey(name))
            {
                problems.Add($"query parameter '{name}' is not declared");
            }
        }
        if (status is >= 200 and < 300)
        {
            foreach (var required in declared.Values.Where(p => p.TryGetProperty("required", out var r) && r.GetBoolean()))
            {
                if (split.Length < 2 || !QueryHelpers.ParseQuery(split[1]).ContainsKey(required.GetProperty("name").GetString()!))
                {
                    problems.Add($"the server accepted a request without the required '{required.GetProperty("name").GetString()}'");
                }
            }
            if (requestBody is { Length: > 0 } sent)
            {
                if (!operation.TryGetProperty("requestBody", out var documentedBody))
                {
                    problems.Add("the server accepted a body the operation does not document");
                }
                else
                {
                    using var json = JsonDocument.Parse(sent);
                    var schema = documentedBody.GetProperty("content").GetProperty("application/json").GetProperty("schema");
                    problems.AddRange(_schemas.Validate(json.RootElement, schema).Select(p => $"request {p}"));
                }
            }
        }
        if (!operation.GetProperty("responses").TryGetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response))
        {
            problems.Add($"status {status} is not documented");
            return problems;
        }
        if (!response.TryGetProperty("content", out var content) || mediaType is null || !content.TryGetProperty(mediaType, out var media))
        {
            problems.Add($"status {status}: media type '{mediaType}' is not documented");
            return problems;
        }
        if (mediaType.EndsWith("json", StringComparison.Ordinal))
        {
            using var json = JsonDocument.Parse(responseBody);
            problems.AddRange(_schemas.Validate(json.RootElement, media.GetProperty("schema")).Select(p => $"response {status} {p}"));
        }
        return problems;
    }

    /// <summary>The operation whose path template matches <paramref name="path"/> (a <c>{name}</c> segment matches any one segment).</summary>
    private JsonElement? Operation(string method, string path)
    {
        var segments = path.Split('/');
        foreach (var template in _document.GetProperty("paths").EnumerateObject())
        {
            var parts = template.Name.Split('/');
            if (parts.Length == segments.Length
                && parts.Zip(segments).All(p => p.First.StartsWith('{') || string.Equals(p.First, p.Second, StringComparison.Ordinal))
                && template.Value.TryGetProperty(method.ToLowerInvariant(), out var operation))
            {
                return operation;
            }
        }
        return null;
    }
}
