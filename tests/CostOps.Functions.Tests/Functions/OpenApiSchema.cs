using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CostOps.Functions.Tests.Functions;

/// <summary>
/// A JSON Schema checker for the subset docs/openapi.json uses (OpenAPI 3.1 = JSON Schema 2020-12): <c>$ref</c> to
/// <c>#/components/schemas/*</c>, <c>type</c> (one or a list, with <c>null</c>), <c>properties</c>, <c>required</c>,
/// <c>additionalProperties</c>, <c>items</c>, <c>enum</c>, <c>oneOf</c>, <c>pattern</c> and the <c>date</c>,
/// <c>date-time</c> and <c>int32</c> formats. Stricter than JSON Schema in one way, on purpose: an object property the
/// schema does not name is an error unless <c>additionalProperties</c> allows it, so the document must name everything
/// the API answers. Any other keyword is refused, so the document cannot grow past what this checks.
/// </summary>
internal sealed class OpenApiSchema(JsonElement document)
{
    private static readonly HashSet<string> s_keywords =
    [
        "$ref", "type", "properties", "required", "additionalProperties", "items", "enum", "oneOf", "pattern", "format", "description",
    ];

    /// <summary>Every way <paramref name="value"/> breaks <paramref name="schema"/>, each with its JSON path; empty when it validates.</summary>
    public IReadOnlyList<string> Validate(JsonElement value, JsonElement schema)
    {
        var problems = new List<string>();
        Check(value, schema, "$", problems);
        return problems;
    }

    private void Check(JsonElement value, JsonElement schema, string path, List<string> problems)
    {
        foreach (var keyword in schema.EnumerateObject().Where(k => !s_keywords.Contains(k.Name)))
        {
            problems.Add($"{path}: the schema uses '{keyword.Name}', which this checker does not know");
        }
        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(value, Resolve(reference.GetString()!), path, problems);
        }
        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var matching = oneOf.EnumerateArray().Count(option => Validate(value, option).Count == 0);
            if (matching != 1)
            {
                problems.Add($"{path}: matches {matching} of the oneOf options, not exactly one ({Show(value)})");
            }
        }
        if (schema.TryGetProperty("type", out var type) && !TypeMatches(value, type))
        {
            problems.Add($"{path}: is {value.ValueKind}, the schema says {type.GetRawText()} ({Show(value)})");
            return;
        }
        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
        {
            problems.Add($"{path}: {Show(value)} is not one of {allowed.GetRawText()}");
        }
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                CheckString(value.GetString()!, schema, path, problems);
                break;
            case JsonValueKind.Number:
                if (schema.TryGetProperty("format", out var numberFormat) && numberFormat.GetString() is "int32" or "int64" && !value.TryGetInt64(out _))
                {
                    problems.Add($"{path}: {value.GetRawText()} is not a whole number ({numberFormat.GetString()})");
                }
                break;
            case JsonValueKind.Array when schema.TryGetProperty("items", out var items):
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Check(item, items, $"{path}[{index++}]", problems);
                }
                break;
            case JsonValueKind.Object:
                CheckObject(value, schema, path, problems);
                break;
        }
    }

    private void CheckObject(JsonElement value, JsonElement schema, string path, List<string> problems)
    {
        var properties = schema.TryGetProperty("properties", out var declared) ? declared : default;
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(n => n.GetString()!).Where(n => !value.TryGetProperty(n, out _)))
            {
                problems.Add($"{path}: lacks the required property '{name}'");
            }
        }
        // Only schemas that describe an object's shape are strict; a bare {"type": "object"} is any object.
        var describesShape = properties.ValueKind == JsonValueKind.Object || schema.TryGetProperty("additionalProperties", out _);
        foreach (var property in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(property.Value, propertySchema, $"{path}.{property.Name}", problems);
            }
            else if (schema.TryGetProperty("additionalProperties", out var additional))
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    problems.Add($"{path}: has '{property.Name}', which the schema forbids");
                }
                else if (additional.ValueKind == JsonValueKind.Object)
                {
                    Check(property.Value, additional, $"{path}.{property.Name}", problems);
                }
            }
            else if (describesShape)
            {
                problems.Add($"{path}: has '{property.Name}', which the schema does not name");
            }
        }
    }

    private static void CheckString(string text, JsonElement schema, string path, List<string> problems)
    {
        if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            problems.Add($"{path}: '{text}' does not match {pattern.GetString()}");
        }
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var ok = format switch
        {
            "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "date-time" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) && text.Contains('T', StringComparison.Ordinal),
            _ => true,
        };
        if (!ok)
        {
            problems.Add($"{path}: '{text}' is not a {format}");
        }
    }

    private static bool TypeMatches(JsonElement value, JsonElement type) =>
        type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Any(t => IsOfType(value, t.GetString()!))
            : IsOfType(value, type.GetString()!);

    private static bool IsOfType(JsonElement value, string type) => type switch
    {
        "null" => value.ValueKind == JsonValueKind.Null,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        _ => throw new InvalidOperationException($"unknown JSON Schema type '{type}'"),
    };

    private JsonElement Resolve(string reference)
    {
        const string prefix = "#/components/schemas/";
        if (!reference.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"only {prefix}* references are checked, not '{reference}'");
        }
        return document.GetProperty("components").GetProperty("schemas").GetProperty(reference[prefix.Length..]);
    }

    private static string Show(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length > 80 ? text[..80] + "..." : text;
    }
}
