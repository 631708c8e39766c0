using System.Globalization;
using System.Text.Json;

namespace CostOps.Functions.Timers;

/// <summary>
/// When the host fired the trigger: the <c>sys.UtcNow</c> of the invocation's binding data (the host stamps
/// every invocation with it), so a run that is retried or queued behind another still computes the night
/// the host meant. The worker's own clock when the host sent none.
/// </summary>
internal static class HostTriggerTime
{
    public static DateTimeOffset Of(FunctionContext context, TimeProvider time)
    {
        if (context.BindingContext.BindingData.TryGetValue("sys", out var sys) && Read(sys) is { } utcNow)
        {
            return utcNow;
        }
        return time.GetUtcNow();
    }

    private static DateTimeOffset? Read(object? sys)
    {
        try
        {
            using var document = sys switch
            {
                string json => JsonDocument.Parse(json),
                JsonElement element => JsonDocument.Parse(element.GetRawText()),
                _ => null,
            };
            if (document?.RootElement is { ValueKind: JsonValueKind.Object } root
                && root.TryGetProperty("UtcNow", out var value) && value.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                return parsed;
            }
        }
        catch (JsonException)
        {
            // Not the host's shape: the worker's clock will do.
        }
        return null;
    }
}
