using System.Text.Json;
using CostOps.Domain.Validation;

namespace CostOps.Application.Json;

/// <summary>
/// Reads one JSON object strictly and kindly: every unknown field, wrong type, non-finite or
/// out-of-range number is collected as a <see cref="FieldError"/> naming its full camelCase path,
/// so a caller sees every problem at once. Used for scenario files, HTTP bodies and the catalog.
/// </summary>
public sealed class JsonObjectReader
{
    private readonly JsonElement _element;
    private readonly FieldErrors _errors;
    // The names asked for; objects have a handful of fields, so a list beats a hash set here.
    private readonly List<string> _known = new(8);

    private JsonObjectReader(JsonElement element, string path, FieldErrors errors)
    {
        _element = element;
        Path = path;
        _errors = errors;
    }

    public string Path { get; }

    /// <summary>A reader for <paramref name="element"/>, or null (with an error) when it is not an object.</summary>
    public static JsonObjectReader? ForObject(JsonElement element, string path, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(DisplayPath(path), $"must be a JSON object (was {Describe(element.ValueKind)})");
            return null;
        }
        return new JsonObjectReader(element, path, errors);
    }

    public string FieldPath(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    /// <summary>A nested object, or null when absent (an error is recorded when <paramref name="required"/>).</summary>
    public JsonObjectReader? ReadObject(string name, bool required = false)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }
        return ForObject(value, FieldPath(name), _errors);
    }

    /// <summary>An array of objects, or null when absent.</summary>
    public IReadOnlyList<JsonObjectReader>? ReadObjectArray(string name, bool required = false)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            _errors.Add(FieldPath(name), $"must be a JSON array (was {Describe(value.ValueKind)})");
            return null;
        }
        var items = new List<JsonObjectReader>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (ForObject(item, $"{FieldPath(name)}[{index}]", _errors) is { } reader)
            {
                items.Add(reader);
            }
            index++;
        }
        return items;
    }

    public decimal? ReadDecimal(string name, bool required = false)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number)
        {
            _errors.Add(FieldPath(name), $"must be a number (was {Describe(value.ValueKind)})");
            return null;
        }
        if (!value.TryGetDecimal(out var number))
        {
            _errors.Add(FieldPath(name), $"must be a finite number within ±7.9e28 (was {value.GetRawText()})");
            return null;
        }
        return number;
    }

    public int? ReadInteger(string name, bool required = false)
    {
        var number = ReadDecimal(name, required);
        if (number is null)
        {
            return null;
        }
        if (number != Math.Truncate(number.Value))
        {
            _errors.Add(FieldPath(name), $"must be a whole number (was {number})");
            return null;
        }
        if (number < int.MinValue || number > int.MaxValue)
        {
            _errors.Add(FieldPath(name), $"must be a whole number from {int.MinValue} to {int.MaxValue} (was {number})");
            return null;
        }
        return (int)number.Value;
    }

    public string? ReadString(string name, bool required = false)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            _errors.Add(FieldPath(name), $"must be a string (was {Describe(value.ValueKind)})");
            return null;
        }
        var text = value.GetString()!;
        if (required && text.Trim().Length == 0)
        {
            _errors.Add(FieldPath(name), "must not be empty");
            return null;
        }
        return text;
    }

    public bool? ReadBoolean(string name, bool required = false)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            _errors.Add(FieldPath(name), $"must be true or false (was {Describe(value.ValueKind)})");
            return null;
        }
        return value.GetBoolean();
    }

    public DateOnly? ReadDate(string name, bool required = false)
    {
        var text = ReadString(name, required);
        if (text is null)
        {
            return null;
        }
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", out var date))
        {
            _errors.Add(FieldPath(name), $"must be a date as yyyy-MM-dd (was '{text}')");
            return null;
        }
        return date;
    }

    /// <summary>A list of strings, or null when absent.</summary>
    public IReadOnlyList<string>? ReadStringArray(string name, bool required = false)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            _errors.Add(FieldPath(name), $"must be a JSON array of strings (was {Describe(value.ValueKind)})");
            return null;
        }
        var items = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                items.Add(item.GetString()!);
            }
            else
            {
                _errors.Add($"{FieldPath(name)}[{index}]", $"must be a string (was {Describe(item.ValueKind)})");
            }
            index++;
        }
        return items;
    }

    /// <summary>The names of the object's fields, for maps with caller-defined keys (e.g. tags).</summary>
    public IEnumerable<string> PropertyNames => _element.EnumerateObject().Select(p => p.Name);

    /// <summary>A field name the caller accepts but reads itself (e.g. "$schema").</summary>
    public void Allow(string name) => _known.Add(name);

    /// <summary>Records an error for every field that no read asked for. Call after reading.</summary>
    public void RejectUnknownFields()
    {
        foreach (var property in _element.EnumerateObject())
        {
            // Each name decoded once and compared as a string: JsonProperty.NameEquals(string) would
            // transcode every known name again for every field (a good part of reading a what-if body).
            var name = property.Name;
            if (!_known.Contains(name))
            {
                _errors.Add(FieldPath(name), "unknown field");
            }
        }
    }

    private bool TryGet(string name, bool required, out JsonElement value)
    {
        _known.Add(name);
        if (_element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }
        if (required)
        {
            _errors.Add(FieldPath(name), "is required");
        }
        return false;
    }

    private static string DisplayPath(string path) => path.Length == 0 ? "(document)" : path;

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
