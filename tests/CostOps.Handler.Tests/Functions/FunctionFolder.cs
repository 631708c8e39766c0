using System.Text.Json;
using CostOps.TestSupport;

namespace CostOps.Handler.Tests.Functions;

/// <summary>One <c>functions/&lt;Name&gt;/function.json</c> of the repository, parsed.</summary>
internal sealed record FunctionFolder(string Name, JsonElement Json)
{
    public IEnumerable<JsonElement> Bindings => Json.GetProperty("bindings").EnumerateArray();

    public JsonElement? Binding(string type) => Bindings.Where(b => b.GetProperty("type").GetString() == type).Select(b => (JsonElement?)b).FirstOrDefault();

    public bool IsTimer => Binding("timerTrigger") is not null;

    public bool IsHttp => Binding("httpTrigger") is not null;

    public static IReadOnlyList<FunctionFolder> All() =>
        Directory.GetDirectories(RepositoryRoot.Combine("functions"))
            .Order(StringComparer.Ordinal)
            .Select(dir =>
            {
                using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "function.json")));
                return new FunctionFolder(Path.GetFileName(dir), document.RootElement.Clone());
            })
            .ToList();
}
