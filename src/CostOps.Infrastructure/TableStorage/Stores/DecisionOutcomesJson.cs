using System.Text;
using System.Text.Json;
using CostOps.Application.Ports;
using CostOps.Domain.Autopilot;

namespace CostOps.Infrastructure.TableStorage.Stores;

/// <summary>
/// The per-target outcomes of a decision as one JSON string property (<c>OutcomesJson</c>):
/// [{resourceId, operation, targetCapacity, status, writeSent, stateBefore, stateAfter, httpStatus,
/// errorCode, message, startedAt, completedAt}], enum values kebab-case like the rest of the row.
/// </summary>
internal static class DecisionOutcomesJson
{
    public static string Write(IReadOnlyList<FleetActionOutcome> outcomes)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var outcome in outcomes)
            {
                writer.WriteStartObject();
                writer.WriteString("resourceId", outcome.ResourceId);
                writer.WriteString("operation", DecisionRecord.Kebab(outcome.Operation));
                WriteNumber(writer, "targetCapacity", outcome.TargetCapacity);
                writer.WriteString("status", DecisionRecord.Kebab(outcome.Status));
                writer.WriteBoolean("writeSent", outcome.WriteSent);
                writer.WriteString("stateBefore", outcome.StateBefore);
                writer.WriteString("stateAfter", outcome.StateAfter);
                WriteNumber(writer, "httpStatus", outcome.HttpStatus);
                writer.WriteString("errorCode", outcome.ErrorCode);
                writer.WriteString("message", outcome.Message);
                writer.WriteString("startedAt", outcome.StartedAt);
                writer.WriteString("completedAt", outcome.CompletedAt);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static IReadOnlyList<FleetActionOutcome> Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(item => new FleetActionOutcome(
            item.GetProperty("resourceId").GetString()!,
            ParseKebab<TargetOperation>(item.GetProperty("operation").GetString()),
            Int(item, "targetCapacity"),
            ParseKebab<FleetActionStatus>(item.GetProperty("status").GetString()),
            item.GetProperty("writeSent").GetBoolean(),
            item.GetProperty("stateBefore").GetString(),
            item.GetProperty("stateAfter").GetString(),
            Int(item, "httpStatus"),
            item.GetProperty("errorCode").GetString(),
            item.GetProperty("message").GetString() ?? "",
            item.GetProperty("startedAt").GetDateTimeOffset(),
            item.GetProperty("completedAt").GetDateTimeOffset())).ToList();
    }

    /// <summary>"dry-run" → DryRun, the inverse of <see cref="DecisionRecord.Kebab{TEnum}"/>.</summary>
    public static TEnum ParseKebab<TEnum>(string? text)
        where TEnum : struct, Enum => DecisionRecord.ParseKebab<TEnum>(text);

    private static int? Int(JsonElement item, string name) =>
        item.GetProperty(name) is { ValueKind: JsonValueKind.Number } number ? number.GetInt32() : null;

    private static void WriteNumber(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
