using System.Text.Json.Nodes;
using CostOps.TestSupport;

namespace CostOps.Deployment.Tests.Bicep;

/// <summary>
/// bicep/main.bicep compiled by <c>bicep build</c> into the ARM JSON that Azure deploys: the root template and
/// the template of every module (a nested <c>Microsoft.Resources/deployments</c>).
/// </summary>
internal sealed class CompiledTemplate
{
    private static readonly Lazy<CompiledTemplate> s_main = new(() => Build(RepositoryRoot.Combine("bicep", "main.bicep")));

    private CompiledTemplate(string text, JsonObject root)
    {
        Text = text;
        Root = root;
    }

    /// <summary>bicep/main.bicep, compiled once per test run.</summary>
    public static CompiledTemplate Main => s_main.Value;

    /// <summary>The ARM JSON as the compiler wrote it.</summary>
    public string Text { get; }

    public JsonObject Root { get; }

    public static CompiledTemplate Build(string bicepFile)
    {
        var run = BicepCli.Run("build", bicepFile, "--stdout");
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException("bicep build failed:\n" + run.Describe());
        }
        return new CompiledTemplate(run.Output, JsonNode.Parse(run.Output)!.AsObject());
    }

    /// <summary>The root template and every module template, each with the module's deployment name ("main" for the root).</summary>
    public IReadOnlyList<(string Module, JsonObject Template)> Templates()
    {
        var templates = new List<(string, JsonObject)>();
        Collect("main", Root, templates);
        return templates;
    }

    /// <summary>A template's resources, whether it lists them (language version 1) or names them (2.0).</summary>
    public static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray list => list.OfType<JsonObject>(),
        JsonObject named => named.Select(pair => pair.Value).OfType<JsonObject>(),
        _ => [],
    };

    /// <summary>A template's parameters by name.</summary>
    public static IEnumerable<(string Name, JsonObject Definition)> Parameters(JsonObject template) =>
        template["parameters"] is JsonObject parameters
            ? parameters.Select(pair => (pair.Key, pair.Value!.AsObject()))
            : [];

    private static void Collect(string module, JsonObject template, List<(string, JsonObject)> templates)
    {
        templates.Add((module, template));
        foreach (var resource in Resources(template).Where(r => (string?)r["type"] == "Microsoft.Resources/deployments"))
        {
            if (resource["properties"]?["template"] is JsonObject nested)
            {
                Collect((string?)resource["name"] ?? "?", nested, templates);
            }
        }
    }
}
