using System.Text.Json.Serialization;

namespace CostOps.Handler.Invocation;

/// <summary>
/// The reply the host expects to a non-HTTP invocation. Always a JSON object: an empty body makes
/// the host wait until functionTimeout and restart the handler. Logs are shown at Information level.
/// </summary>
public sealed record InvocationResult(
    [property: JsonPropertyName("Outputs")] Dictionary<string, string> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] string? ReturnValue)
{
    public static InvocationResult WithLogs(IReadOnlyList<string> logs) => new([], logs, null);
}

[JsonSerializable(typeof(InvocationResult))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
internal sealed partial class InvocationJsonContext : JsonSerializerContext;
