using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CostOps.FunctionsHost;

/// <summary>
/// The TimerInfo the host hands a timer function: <c>{"Schedule":{"AdjustForDST":true},
/// "ScheduleStatus":{"Last","Next","LastUpdated"} or null,"IsPastDue":bool}</c>.
/// ScheduleStatus is null when the host runs without a schedule monitor (and for on-demand runs).
/// </summary>
public sealed record TimerPayload(DateTimeOffset? Last, DateTimeOffset? Next, DateTimeOffset? LastUpdated, bool IsPastDue)
{
    /// <summary>A run on schedule: full ScheduleStatus, not past due.</summary>
    public static TimerPayload Scheduled(DateTimeOffset last, DateTimeOffset next) => new(last, next, last, IsPastDue: false);

    /// <summary>A run without a schedule monitor: <c>"ScheduleStatus": null</c>.</summary>
    public static TimerPayload WithoutScheduleStatus() => new(null, null, null, IsPastDue: false);

    /// <summary>A late run (the app was down when it was due): full ScheduleStatus, IsPastDue true.</summary>
    public static TimerPayload PastDue(DateTimeOffset last, DateTimeOffset next) => new(last, next, last, IsPastDue: true);

    /// <summary>The JSON the host sends as the timer binding's input.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("Schedule");
            json.WriteBoolean("AdjustForDST", true);
            json.WriteEndObject();
            if (Last is { } last && Next is { } next)
            {
                json.WriteStartObject("ScheduleStatus");
                json.WriteString(nameof(Last), UtcText(last));
                json.WriteString(nameof(Next), UtcText(next));
                json.WriteString(nameof(LastUpdated), UtcText(LastUpdated ?? last));
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("ScheduleStatus");
            }

            json.WriteBoolean(nameof(IsPastDue), IsPastDue);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // The host's schedule status holds UTC DateTimes and serializes them with a trailing Z.
    private static string UtcText(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
