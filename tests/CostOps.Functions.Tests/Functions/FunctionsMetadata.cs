using System.Text.Json;
using CostOps.Functions.Tests.Worker;

namespace CostOps.Functions.Tests.Functions;

/// <summary>One function of the built app's functions.metadata (what the host reads to index the app).</summary>
internal sealed record FunctionEntry(string Name, JsonElement Json)
{
    public IEnumerable<JsonElement> Bindings => Json.GetProperty("bindings").EnumerateArray();

    public JsonElement Trigger => Bindings.Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    public string TriggerType => Trigger.GetProperty("type").GetString()!;

    public bool IsTimer => TriggerType == "timerTrigger";

    public bool IsHttp => TriggerType == "httpTrigger";

    public string Route => Trigger.GetProperty("route").GetString()!;

    public IReadOnlyList<string> Methods => Trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToList();

    /// <summary>lower case: <c>function</c> or <c>anonymous</c> (the metadata writes the enum name).</summary>
    public string AuthLevel => Trigger.GetProperty("authLevel").GetString()!.ToLowerInvariant();

    public static IReadOnlyList<FunctionEntry> All()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(WorkerApp.Directory, "functions.metadata")));
        return document.RootElement.EnumerateArray()
            .Select(f => new FunctionEntry(f.GetProperty("name").GetString()!, f.Clone()))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
    }
}
