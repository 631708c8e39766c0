using System.Globalization;
using System.Text.Json;

namespace CostOps.Handler.Invocation;

/// <summary>
/// A timer invocation from the Functions host: <c>{"Data":{"&lt;binding&gt;":TimerInfo},"Metadata":{"sys":{...}}}</c>.
/// Parsed leniently, because the host serializes with Newtonsoft: <c>ScheduleStatus</c> may be null,
/// timestamps may end in Z, +00:00 or nothing, and <c>Last</c> is 0001-01-01 before the first run.
/// </summary>
public sealed record TimerInvocation(
    bool IsPastDue,
    DateTimeOffset? Last,
    DateTimeOffset? Next,
    DateTimeOffset? UtcNow,
    string? MethodName,
    int RetryCount)
{
    /// <summary>Reads the payload; returns null and a reason when it is not a timer invocation.</summary>
    public static TimerInvocation? TryParse(JsonElement root, out string? problem)
    {
        problem = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = "the invocation body must be a JSON object with Data and Metadata";
            return null;
        }
        if (!TryGetProperty(root, "Data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            problem = "the invocation body has no Data object";
            return null;
        }
        var timer = data.EnumerateObject().Select(p => p.Value).FirstOrDefault(v => v.ValueKind == JsonValueKind.Object);
        if (timer.ValueKind != JsonValueKind.Object)
        {
            problem = "Data holds no timer binding (an object with Schedule, ScheduleStatus and IsPastDue)";
            return null;
        }
        var isPastDue = TryGetProperty(timer, "IsPastDue", out var pastDue) && pastDue.ValueKind == JsonValueKind.True;
        DateTimeOffset? last = null, next = null;
        if (TryGetProperty(timer, "ScheduleStatus", out var status) && status.ValueKind == JsonValueKind.Object)
        {
            last = Timestamp(status, "Last");
            next = Timestamp(status, "Next");
        }
        DateTimeOffset? utcNow = null;
        string? methodName = null;
        var retryCount = 0;
        if (TryGetProperty(root, "Metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
        {
            if (TryGetProperty(metadata, "sys", out var sys) && sys.ValueKind == JsonValueKind.Object)
            {
                utcNow = Timestamp(sys, "UtcNow");
                methodName = TryGetProperty(sys, "MethodName", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
            }
            if (TryGetProperty(metadata, "RetryContext", out var retry) && retry.ValueKind == JsonValueKind.Object
                && TryGetProperty(retry, "RetryCount", out var count) && count.TryGetInt32(out var n))
            {
                retryCount = n;
            }
        }
        return new TimerInvocation(isPastDue, last, next, utcNow, methodName, retryCount);
    }

    /// <summary>Null for absent, unparseable or the "never ran" value 0001-01-01.</summary>
    private static DateTimeOffset? Timestamp(JsonElement parent, string name)
    {
        if (!TryGetProperty(parent, name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }
        return DateTimeOffset.TryParse(
                value.GetString(),
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var parsed)
            && parsed.Year > 1
            ? parsed
            : null;
    }

    /// <summary>Case-insensitive, like the host's own (Newtonsoft) reading.</summary>
    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }
        value = default;
        return false;
    }
}
