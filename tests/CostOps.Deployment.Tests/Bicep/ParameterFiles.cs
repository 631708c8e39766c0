using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CostOps.TestSupport;

namespace CostOps.Deployment.Tests.Bicep;

/// <summary>The parameter files the repository ships, read as a deployment would read them.</summary>
internal static partial class ParameterFiles
{
    /// <summary>infra/parameters.example.json: what an infra/deploy.sh user starts from.</summary>
    public const string ScriptExample = "infra/parameters.example.json";

    /// <summary>bicep/main.parameters.json: what <c>azd up</c> reads, with azd's ${VARIABLE} substitution.</summary>
    public const string Azd = "bicep/main.parameters.json";

    /// <summary>
    /// The values of an ARM parameters file by parameter name. <c>${NAME}</c> and <c>${NAME=default}</c> in a
    /// string are replaced from <paramref name="environment"/> as azd does; an unknown name fails.
    /// </summary>
    public static JsonObject Load(string repositoryPath, IReadOnlyDictionary<string, string>? environment = null)
    {
        var text = File.ReadAllText(RepositoryRoot.Combine(repositoryPath));
        text = Variable().Replace(text, match =>
            environment is not null && environment.TryGetValue(match.Groups["name"].Value, out var value) ? value
            : match.Groups["default"].Success ? match.Groups["default"].Value
            : throw new InvalidOperationException($"{repositoryPath} uses ${{{match.Groups["name"].Value}}}, which the test environment does not set"));
        var parameters = JsonNode.Parse(text)!["parameters"]!.AsObject();
        var values = new JsonObject();
        foreach (var (name, definition) in parameters)
        {
            values[name] = definition!["value"]?.DeepClone();
        }
        return values;
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(=(?<default>[^}]*))?\}")]
    private static partial Regex Variable();
}
