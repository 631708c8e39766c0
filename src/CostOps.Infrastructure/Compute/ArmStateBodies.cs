using System.Globalization;
using System.Text.Json;
using CostOps.Domain.Autopilot;

namespace CostOps.Infrastructure.Compute;

/// <summary>
/// Reads the one field the fleet state needs out of an ARM body (a VM's <c>statuses[].code</c>, a scale set's
/// <c>sku.capacity</c>) and nothing else. The typed SDK models parse every field, so one unrelated value they reject
/// (the published instance-view example's boot-diagnostics URI, say) made the whole read fail.
/// </summary>
internal static class ArmStateBodies
{
    /// <summary>The power state in an instance view, or the JSON path of the field that does not parse.</summary>
    public static (VmPowerState? State, string? Problem) PowerStateOf(ReadOnlyMemory<byte> body)
    {
        return Read<VmPowerState?>(body, root =>
        {
            if (!root.TryGetProperty("statuses", out var statuses) || statuses.ValueKind == JsonValueKind.Null)
            {
                // Provisioning instance views may carry no statuses yet: the state is not known, not broken.
                return (VmPowerState.Unknown, null);
            }
            if (statuses.ValueKind != JsonValueKind.Array)
            {
                return (null, "statuses is not an array");
            }
            var codes = new List<string?>();
            var index = 0;
            foreach (var status in statuses.EnumerateArray())
            {
                if (status.ValueKind != JsonValueKind.Object)
                {
                    return (null, $"statuses[{index}] is not an object");
                }
                if (status.TryGetProperty("code", out var code) && code.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    return (null, $"statuses[{index}].code is not a string");
                }
                codes.Add(code.ValueKind == JsonValueKind.String ? code.GetString() : null);
                index++;
            }
            return (ArmPowerStates.From(codes), null);
        });
    }

    /// <summary>A scale set's <c>sku.capacity</c> (null when absent), or the JSON path of the field that does not parse.</summary>
    public static (long? Capacity, string? Problem) CapacityOf(ReadOnlyMemory<byte> body)
    {
        return Read<long?>(body, root =>
        {
            if (!root.TryGetProperty("sku", out var sku) || sku.ValueKind == JsonValueKind.Null)
            {
                return (null, null);
            }
            if (sku.ValueKind != JsonValueKind.Object)
            {
                return (null, "sku is not an object");
            }
            if (!sku.TryGetProperty("capacity", out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return (null, null);
            }
            return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var count) && count >= 0
                ? (count, null)
                : (null, string.Create(CultureInfo.InvariantCulture, $"sku.capacity is not a non-negative integer ({value.GetRawText()})"));
        });
    }

    private static (T Value, string? Problem) Read<T>(ReadOnlyMemory<byte> body, Func<JsonElement, (T Value, string? Problem)> read)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? read(document.RootElement)
                : (default!, "the body is not a JSON object");
        }
        catch (JsonException exception)
        {
            // The reader's own message names the line and byte; the path is where it stopped.
            return (default!, $"the body is not JSON ({exception.Message})");
        }
    }
}
