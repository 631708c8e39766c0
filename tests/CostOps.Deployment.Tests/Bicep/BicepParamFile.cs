using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CostOps.Deployment.Tests.Bicep;

/// <summary>Writes parameter values as a .bicepparam file (what <c>bicep snapshot</c> reads).</summary>
internal static partial class BicepParamFile
{
    /// <summary>A .bicepparam in <paramref name="directory"/> that uses <paramref name="template"/> with <paramref name="parameters"/>.</summary>
    public static string Write(string directory, string template, JsonObject parameters)
    {
        var text = new StringBuilder();
        // Bicep refuses absolute paths in a using statement.
        text.Append("using '").Append(Path.GetRelativePath(directory, template).Replace('\\', '/')).Append("'\n\n");
        foreach (var (name, value) in parameters)
        {
            text.Append("param ").Append(name).Append(" = ");
            Literal(value, "", text);
            text.Append('\n');
        }
        var path = Path.Combine(directory, "deployment.bicepparam");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static void Literal(JsonNode? value, string indent, StringBuilder text)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj when obj.Count == 0:
                text.Append("{}");
                break;
            case JsonObject obj:
                text.Append("{\n");
                foreach (var (key, item) in obj)
                {
                    text.Append(indent).Append("  ");
                    if (Identifier().IsMatch(key))
                    {
                        text.Append(key);
                    }
                    else
                    {
                        String(key, text);
                    }
                    text.Append(": ");
                    Literal(item, indent + "  ", text);
                    text.Append('\n');
                }
                text.Append(indent).Append('}');
                break;
            case JsonArray array when array.Count == 0:
                text.Append("[]");
                break;
            case JsonArray array:
                text.Append("[\n");
                foreach (var item in array)
                {
                    text.Append(indent).Append("  ");
                    Literal(item, indent + "  ", text);
                    text.Append('\n');
                }
                text.Append(indent).Append(']');
                break;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String:
                String(scalar.GetValue<string>(), text);
                break;
            default:
                text.Append(value.ToJsonString());
                break;
        }
    }

    private static void String(string value, StringBuilder text) =>
        text.Append('\'')
            .Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal).Replace("${", "\\${", StringComparison.Ordinal))
            .Append('\'');

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
